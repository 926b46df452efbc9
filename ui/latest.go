package ui

import (
	"context"
	"sync"
	"time"
)

// RecomputeDelay is how long a live form waits after the last keystroke
// before it computes: typing "35000" computes once, not five times.
const RecomputeDelay = 200 * time.Millisecond

// Latest runs the newest of a burst of requests off the UI thread and
// shows only its result: a computation starts delay after the last Run,
// gets a context that is cancelled as soon as a newer Run (or Cancel, or
// closing the window) makes its result pointless, and the UI changes it
// returns are applied on the UI thread only if no newer Run came in
// meanwhile. Its work counts as the window's background work, so closing
// waits for it and tests can settle.
type Latest struct {
	env   *Env
	delay time.Duration

	mu     sync.Mutex
	gen    uint64 // counts requests; a result of an older one is dropped
	timer  *time.Timer
	job    func()
	cancel context.CancelFunc
}

// NewLatest makes a runner that waits delay after the last request.
func (e *Env) NewLatest(delay time.Duration) *Latest {
	return &Latest{env: e, delay: delay}
}

// Run replaces any pending or running request with compute and restarts
// the delay. compute runs off the UI thread; it should return early once
// ctx is done, and returns the UI changes to apply (nil for none). Call
// Run on the UI thread.
func (l *Latest) Run(compute func(ctx context.Context) (apply func())) {
	l.mu.Lock()
	defer l.mu.Unlock()
	gen := l.newGen()
	ctx, cancel := context.WithCancel(l.env.ctx)
	l.cancel = cancel
	l.job = func() {
		defer cancel()
		if ctx.Err() != nil {
			return
		}
		apply := compute(ctx)
		if apply == nil || ctx.Err() != nil {
			return
		}
		l.env.do(func() {
			if l.current(gen) {
				apply()
			}
		})
	}
	if l.timer != nil && l.timer.Stop() {
		// The pending run was stopped: its slot in the work group is reused.
		l.timer.Reset(l.delay)
		return
	}
	l.env.work.Add(1)
	l.timer = time.AfterFunc(l.delay, l.fire)
}

// Cancel drops the pending request and cancels the running one; nothing
// they compute is shown.
func (l *Latest) Cancel() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.newGen()
	l.job = nil
}

// newGen starts a new generation and cancels the previous request's
// context. l.mu is held.
func (l *Latest) newGen() uint64 {
	l.gen++
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	return l.gen
}

func (l *Latest) current(gen uint64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return gen == l.gen
}

// fire runs on the timer's goroutine.
func (l *Latest) fire() {
	defer l.env.work.Done()
	l.mu.Lock()
	job := l.job
	l.job = nil
	l.mu.Unlock()
	if job != nil {
		job()
	}
}
