package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/app"
)

func newSOPCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sop",
		Short: "Export and import SOP templates and checklist items (template files)",
		Args:  noArgs,
	}
	cmd.AddCommand(newSOPExportCmd(g), newSOPImportCmd(g))
	return cmd
}

func newSOPExportCmd(g *globals) *cobra.Command {
	var names []string
	var noChecklists bool
	cmd := &cobra.Command{
		Use:   "export FILE",
		Short: "Write templates (all, or --template NAME ...) and the checklist items to a template file (TOML; - for standard output)",
		Args:  exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			var ids []string
			if len(names) > 0 {
				all, err := s.Templates(ctx, true)
				if err != nil {
					return err
				}
				for _, n := range names {
					found := ""
					for _, t := range all {
						if strings.EqualFold(t.Name, strings.TrimSpace(n)) {
							found = t.ID
						}
					}
					if found == "" {
						var have []string
						for _, t := range all {
							have = append(have, t.Name)
						}
						return exitError{code: exitFail, msg: fmt.Sprintf("opsbench: no template is called %q; templates: %s", n, strings.Join(have, ", "))}
					}
					ids = append(ids, found)
				}
			}
			f, err := s.ExportSOPFile(ctx, ids, !noChecklists)
			if err != nil {
				return err
			}
			if len(f.Templates) == 0 && len(f.Checklists) == 0 {
				return exitError{code: exitFail, msg: "opsbench: there are no templates or checklist items to export"}
			}
			b, err := app.MarshalSOPFile(f)
			if err != nil {
				return err
			}
			if args[0] == "-" {
				_, err := g.stdout.Write(b)
				return err
			}
			if err := writeFileAtomic(args[0], b); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "%d template(s) and %d checklist item(s) written to %s\n", len(f.Templates), len(f.Checklists), absPath(args[0]))
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&names, "template", nil, "export only the template of this `name` (repeat for more)")
	cmd.Flags().BoolVar(&noChecklists, "no-checklists", false, "leave the checklist items out")
	return cmd
}

func newSOPImportCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Add the templates and checklist items of a template file (TOML or JSON; all or nothing)",
		Long: `Add the templates and checklist items of a template file as new records.
The file may be TOML or JSON in UTF-8 (with or without a byte-order mark),
UTF-16 or GB18030, as Windows Notepad saves it. Nothing is imported when
any template in it is invalid or its name is already taken: the message
says which and why. A checklist item's owner is the person of that name
here, if there is one.`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := readLimited(args[0], app.MaxSOPFile)
			if err != nil {
				return err
			}
			f, err := app.ParseSOPFile(b)
			if err != nil {
				return exitError{code: exitFail, msg: fmt.Sprintf("opsbench: %s: %v", args[0], err)}
			}
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := s.ImportSOPFile(ctx, f, app.MustDefaultCalendar().Today(time.Now()))
			var fe *app.SOPFileError
			if errors.As(err, &fe) {
				return exitError{code: exitFail, msg: fmt.Sprintf("opsbench: %s: %v; nothing was imported", args[0], err)}
			}
			if err != nil {
				return err
			}
			for _, t := range res.Templates {
				fmt.Fprintf(g.stdout, "template %q: %d stage(s), %d step(s)\n", t.Name, len(t.Body.Stages), t.Body.StepCount())
			}
			for _, it := range res.Checklists {
				owner := "no owner yet"
				if it.OwnerID != "" {
					owner = "owner found"
				}
				fmt.Fprintf(g.stdout, "checklist item %q: %s, %s\n", it.Title, it.Schedule, owner)
			}
			fmt.Fprintf(g.stdout, "imported %d template(s) and %d checklist item(s) into %s\n", len(res.Templates), len(res.Checklists), s.Path())
			return nil
		},
	}
}

func exactlyOneFile(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageError{fmt.Errorf("%s needs exactly one FILE, got %d", cmd.CommandPath(), len(args))}
	}
	return nil
}

// readLimited reads a file, refusing one larger than limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, exitError{code: exitFail, msg: fmt.Sprintf("opsbench: %s is larger than %d MB: not a template file", path, limit>>20)}
	}
	return b, nil
}

// writeFileAtomic writes b to path through a temporary file in the same
// folder, so a failed write leaves no half file.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".opsbench-*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
