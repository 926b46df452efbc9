package ui

import "github.com/opsbench/opsbench/app"

// LocationLabel names a stock location as every area shows it: the
// built-in places (goods in transit, the factory) in the user's language,
// the others as the office named them.
func LocationLabel(tr *Translator, l app.Location) string {
	switch l.ID {
	case app.TransitLocationID():
		return tr.T("location.transit")
	case app.SupplierLocationID():
		return tr.T("location.supplier")
	}
	return l.Name
}
