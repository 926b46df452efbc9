package ui

import (
	"context"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// newTestEnv is an environment on the test app whose UI changes are
// queued for the test goroutine.
func newTestEnv(t *testing.T) (*Env, *queue) {
	t.Helper()
	a := test.NewTempApp(t)
	e := NewEnv(a, a.NewWindow(""), nil)
	q := &queue{}
	e.SetDo(q.add)
	t.Cleanup(e.Close)
	return e, q
}

type queue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *queue) add(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
}

func (q *queue) settle(e *Env) {
	for {
		e.Wait()
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, fn := range fns {
			fn()
		}
	}
}

// A burst of requests computes once, with the last one.
func TestLatestRunsTheLastOfABurst(t *testing.T) {
	e, q := newTestEnv(t)
	l := e.NewLatest(20 * time.Millisecond)
	var mu sync.Mutex
	var computed []int
	shown := 0
	for i := 1; i <= 5; i++ {
		l.Run(func(ctx context.Context) func() {
			mu.Lock()
			computed = append(computed, i)
			mu.Unlock()
			return func() { shown = i }
		})
	}
	q.settle(e)
	if len(computed) != 1 || computed[0] != 5 || shown != 5 {
		t.Fatalf("computed %v, shown %d; want only the fifth", computed, shown)
	}
}

// A newer request cancels the running one: its context is done and its
// result is never shown.
func TestLatestCancelsTheOlderJob(t *testing.T) {
	e, q := newTestEnv(t)
	l := e.NewLatest(time.Millisecond)
	started := make(chan struct{})
	cancelled := make(chan struct{})
	shown := ""
	l.Run(func(ctx context.Context) func() {
		close(started)
		select {
		case <-ctx.Done():
			close(cancelled)
		case <-time.After(5 * time.Second):
		}
		return func() { shown = "old" }
	})
	<-started
	l.Run(func(ctx context.Context) func() { return func() { shown = "new" } })
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the older job's context was not cancelled")
	}
	q.settle(e)
	if shown != "new" {
		t.Fatalf("shown %q, want the newer result", shown)
	}
}

// Cancel drops the pending and the running request; closing the window
// cancels too.
func TestLatestCancel(t *testing.T) {
	e, q := newTestEnv(t)
	l := e.NewLatest(time.Millisecond)
	started := make(chan struct{})
	shown := false
	var ctxErr error
	l.Run(func(ctx context.Context) func() {
		close(started)
		<-ctx.Done()
		ctxErr = ctx.Err()
		return func() { shown = true }
	})
	<-started
	l.Cancel()
	q.settle(e)
	if shown || ctxErr == nil {
		t.Fatalf("after Cancel: shown %v, context error %v", shown, ctxErr)
	}

	started = make(chan struct{})
	l.Run(func(ctx context.Context) func() {
		close(started)
		<-ctx.Done()
		return func() { shown = true }
	})
	<-started
	e.Close() // waits for the job, which only ends once cancelled
	q.settle(e)
	if shown {
		t.Fatal("a job cancelled by closing was shown")
	}
}
