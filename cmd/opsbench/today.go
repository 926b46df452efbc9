package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// todayItem is one line of `today --json`.
type todayItem struct {
	Kind        string `json:"kind"` // step, checklist, review
	ID          string `json:"id"`
	Title       string `json:"title"`
	Owner       string `json:"owner"`
	Due         string `json:"due"`
	OverdueDays int    `json:"overdue_days"`
	Status      string `json:"status"`
	Run         string `json:"run,omitempty"`
	RunID       string `json:"run_id,omitempty"`
	Stage       string `json:"stage,omitempty"`
	SKU         string `json:"sku,omitempty"`
	HasForm     bool   `json:"has_form"`
}

type todayOutput struct {
	Date      string      `json:"date"`
	Person    *string     `json:"person"`
	Generated int         `json:"generated"`
	Overdue   int         `json:"overdue"`
	Items     []todayItem `json:"items"`
}

func newTodayCmd(g *globals) *cobra.Command {
	var asJSON bool
	var person, date string
	cmd := &cobra.Command{
		Use:   "today [--json] [--person NAME]",
		Short: "Print what is due today or overdue: run steps, checklist items, review follow-ups",
		Long: `Print everything due today or overdue, for everyone or for one person:
the open steps of SOP runs, the checklist entries still to do and the
review actions whose follow-up has come. Today's checklist entries are
generated first if this desk has not made them yet (so a scheduled task
gets the full list). While the OpsBench app is open on the database, the
list is read without generating (the app generates them itself).

With --json, print one object: date, person (null for everyone),
generated (entries made now), overdue (items past due) and items, each
with kind (step, checklist, review), id, title, owner, due, overdue_days,
status, run, run_id, stage, sku and has_form.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cal := app.MustDefaultCalendar()
			day := cal.Today(time.Now())
			if date != "" {
				d, err := app.ParseDate(date)
				if err != nil {
					return usageError{fmt.Errorf("--date: %w", err)}
				}
				day = d
			}
			out, err := g.today(context.Background(), cal, day, strings.TrimSpace(person))
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(g.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(out)
			}
			printToday(g, out)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON for scripts and chat bots")
	cmd.Flags().StringVar(&person, "person", "", "only this person's items (their name in OpsBench)")
	cmd.Flags().StringVar(&date, "date", "", "as of this day (YYYY-MM-DD) instead of today in the office's time zone")
	return cmd
}

// todaySource is what the list is read from: the store, or a read-only
// view while the app holds the database.
type todaySource interface {
	People(ctx context.Context) ([]app.Person, error)
	Today(ctx context.Context, personID string, today app.Date) ([]app.TodayItem, error)
}

// today gathers the list, generating the day's checklist entries when
// the database is free; while the app holds it, it reads a snapshot.
func (g *globals) today(ctx context.Context, cal *app.Calendar, day app.Date, person string) (todayOutput, error) {
	out := todayOutput{Date: day.String(), Items: []todayItem{}}
	path, err := g.dbPath()
	if err != nil {
		return out, err
	}
	var src todaySource
	s, err := data.Open(ctx, path, data.Options{})
	switch {
	case errors.Is(err, app.ErrLocked):
		fmt.Fprintln(g.stderr, "opsbench: the OpsBench app is open on this database: listing without generating today's checklist entries (the app makes them)")
		ro, err := data.OpenTodayReader(ctx, path)
		if err != nil {
			return out, err
		}
		defer ro.Close()
		src = ro
	case err != nil:
		return out, err
	default:
		defer s.Close()
		if out.Generated, err = s.GenerateChecklist(ctx, cal, day); err != nil {
			return out, fmt.Errorf("generating today's checklist entries: %w", err)
		}
		src = s
	}
	ids := []string{""}
	if person != "" {
		out.Person = &person
		people, err := src.People(ctx)
		if err != nil {
			return out, err
		}
		ids = ids[:0]
		var names []string
		for _, p := range people {
			if strings.EqualFold(p.Name, person) {
				ids = append(ids, p.ID)
			}
			names = append(names, p.Name)
		}
		if len(ids) == 0 {
			return out, exitError{code: exitFail, msg: fmt.Sprintf("opsbench: nobody is called %q here; the team: %s", person, strings.Join(names, ", "))}
		}
	}
	for _, id := range ids {
		items, err := src.Today(ctx, id, day)
		if err != nil {
			return out, err
		}
		for _, it := range items {
			out.Items = append(out.Items, todayItem{Kind: string(it.Kind), ID: it.ID, Title: it.Title, Owner: it.OwnerName,
				Due: it.Due.String(), OverdueDays: it.OverdueDays, Status: it.Status, Run: it.RunTitle, RunID: it.RunID,
				Stage: it.Stage, SKU: it.SKU, HasForm: it.HasForm})
			if it.OverdueDays > 0 {
				out.Overdue++
			}
		}
	}
	return out, nil
}

func printToday(g *globals, out todayOutput) {
	who := "everyone"
	if out.Person != nil {
		who = *out.Person
	}
	fmt.Fprintf(g.stdout, "Due on %s for %s: %d item(s), %d overdue\n", out.Date, who, len(out.Items), out.Overdue)
	for _, it := range out.Items {
		when := "today"
		switch {
		case it.OverdueDays == 1:
			when = "1 day overdue"
		case it.OverdueDays > 1:
			when = fmt.Sprintf("%d days overdue", it.OverdueDays)
		}
		where := ""
		switch it.Kind {
		case string(app.TodayStep):
			where = " · " + it.Run
			if it.SKU != "" {
				where += " (" + it.SKU + ")"
			}
			where += " · " + it.Stage
		case string(app.TodayReview):
			where = " · review"
		default:
			where = " · checklist"
		}
		fmt.Fprintf(g.stdout, "  %-14s %-10s %s%s [%s]\n", when, it.Owner, it.Title, where, it.Status)
	}
}
