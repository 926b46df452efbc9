package ui

import (
	"sync"
	"time"
)

// recomputeDelay is how long the form waits after the last keystroke
// before it simulates: typing "35000" simulates once, not five times.
const recomputeDelay = 200 * time.Millisecond

// debouncer runs the latest of a burst of jobs off the UI thread, delay
// after the last one was scheduled. Jobs count as the UI's background
// work, so closing the window waits for them and tests can settle.
//
// Only the latest job runs once the delay passes; a job already running
// is not stopped, so each job checks, on the UI thread, that it is still
// the newest before it changes anything (see planningScreen.gen).
type debouncer struct {
	u     *UI
	delay time.Duration

	mu    sync.Mutex
	timer *time.Timer
	job   func()
}

func newDebouncer(u *UI, delay time.Duration) *debouncer {
	return &debouncer{u: u, delay: delay}
}

// schedule replaces the pending job with job and restarts the delay.
func (d *debouncer) schedule(job func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.job = job
	if d.timer != nil && d.timer.Stop() {
		// The pending run was cancelled: its slot in u.work is reused.
		d.timer.Reset(d.delay)
		return
	}
	d.u.work.Add(1)
	d.timer = time.AfterFunc(d.delay, d.fire)
}

// fire runs on the timer's goroutine.
func (d *debouncer) fire() {
	defer d.u.work.Done()
	d.mu.Lock()
	job := d.job
	d.job = nil
	d.mu.Unlock()
	if job != nil && d.u.ctx.Err() == nil {
		job()
	}
}
