package data

import (
	"context"
	"fmt"
	"os"

	"github.com/opsbench/opsbench/app"
)

// ReadShippingModes reads the office's shipping-mode defaults from the
// database at path without opening it for writing (the app may have it
// open). A missing file gives an error wrapping os.ErrNotExist.
func ReadShippingModes(ctx context.Context, path string) ([]app.ShippingMode, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	info, err := Inspect(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := checkOurs(path, info); err != nil {
		return nil, err
	}
	if info.UserVersion < 2 { // before the planning tables existed
		return nil, nil
	}
	db, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	modes, err := shippingModes(ctx, db, info.UserVersion >= inventoryVersion)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return modes, nil
}
