package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

func newCasesCmd(g *globals) *cobra.Command {
	var asJSON, open bool
	cmd := &cobra.Command{
		Use:   "cases [--json] [--open]",
		Short: "List the after-sales cases with their SLA state (first answer and resolution due, late minutes)",
		Long: `List the after-sales cases, oldest first, with both SLA clocks evaluated
now: when the first answer and the resolution are (or were) due, the
case's state (late, due_soon, paused, ok, met, none) and how many minutes
late it is. --open keeps the cases not resolved or closed. --json prints
a JSON array, one object per case; instants are UTC (RFC 3339), null when
there is none.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := interruptible()
			defer stop()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			if asJSON {
				return casesJSON(ctx, s, open, g.stdout)
			}
			return casesTable(ctx, s, open, g.stdout)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().BoolVar(&open, "open", false, "only the cases not resolved or closed")
	return cmd
}

// caseJSON is one case as `cases --json` prints it.
type caseJSON struct {
	ID                 string     `json:"id"`
	Created            time.Time  `json:"created"`
	Channel            string     `json:"channel"`
	Type               string     `json:"type"`
	Status             string     `json:"status"`
	Priority           string     `json:"priority"`
	Customer           string     `json:"customer"`
	Contact            string     `json:"contact"`
	Marketplace        string     `json:"marketplace"`
	OrderID            string     `json:"order_id"`
	SKU                string     `json:"sku"`
	Tracking           string     `json:"tracking_number"`
	Carrier            string     `json:"carrier"`
	Owner              string     `json:"owner"`
	Summary            string     `json:"summary"`
	RootCause          string     `json:"root_cause"`
	Resolution         string     `json:"resolution"`
	FirstResponseAt    *time.Time `json:"first_response_at"`
	FirstResponseDue   *time.Time `json:"first_response_due"`
	FirstResponseState string     `json:"first_response_state"`
	ResolutionDue      *time.Time `json:"resolution_due"`
	ResolvedAt         *time.Time `json:"resolved_at"`
	SLAState           string     `json:"sla_state"`
	LateMinutes        int        `json:"late_minutes"`
}

func instantOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func toCaseJSON(cs data.CaseSLA) caseJSON {
	c, r := cs.Case, cs.SLA
	return caseJSON{
		ID: c.ID, Created: c.Created.UTC(), Channel: string(c.Channel), Type: string(c.Type), Status: string(c.Status),
		Priority: string(c.Priority), Customer: c.Customer, Contact: c.Contact, Marketplace: c.Marketplace,
		OrderID: c.OrderID, SKU: c.SKU, Tracking: c.Tracking, Carrier: c.Carrier, Owner: c.OwnerName,
		Summary: c.Summary, RootCause: string(c.RootCause), Resolution: string(c.Resolution),
		FirstResponseAt: instantOrNil(r.FirstResponse.MetAt), FirstResponseDue: instantOrNil(r.FirstResponse.Due),
		FirstResponseState: string(r.FirstResponse.State), ResolutionDue: instantOrNil(r.Resolution.Due),
		ResolvedAt: instantOrNil(r.Resolution.MetAt), SLAState: string(r.State), LateMinutes: r.LateMinutes,
	}
}

// casesJSON streams the array, one case a line: 50,000 cases never sit in
// memory as JSON.
func casesJSON(ctx context.Context, s *data.Store, open bool, w io.Writer) error {
	sep := "[\n"
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "R&D" stays readable
	err := s.CasesWithSLA(ctx, open, s.Now(), func(cs data.CaseSLA) error {
		buf.Reset()
		buf.WriteString(sep)
		if err := enc.Encode(toCaseJSON(cs)); err != nil {
			return err
		}
		sep = ",\n"
		_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	})
	if err != nil {
		return err
	}
	if sep == "[\n" {
		_, err = io.WriteString(w, "[]\n")
		return err
	}
	_, err = io.WriteString(w, "\n]\n")
	return err
}

func casesTable(ctx context.Context, s *data.Store, open bool, w io.Writer) error {
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		return err
	}
	loc := cfg.Calendar.Location()
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CREATED\tSTATUS\tSLA\tCHANNEL\tTYPE\tCUSTOMER\tORDER\tOWNER")
	n := 0
	err = s.CasesWithSLA(ctx, open, s.Now(), func(cs data.CaseSLA) error {
		n++
		c, r := cs.Case, cs.SLA
		sla := string(r.State)
		if r.LateMinutes > 0 {
			sla += fmt.Sprintf(" %d min", r.LateMinutes)
		}
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Created.In(loc).Format(app.MinuteLayout), c.Status, sla,
			c.Channel, c.Type, c.Customer, c.OrderID, c.OwnerName)
		return err
	})
	if err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	word := "cases"
	if n == 1 {
		word = "case"
	}
	_, err = fmt.Fprintf(w, "%d %s (times in the office's zone, %s)\n", n, word, loc)
	return err
}
