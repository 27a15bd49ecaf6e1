package main

import (
	"context"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// Every column of every table, as its row type declares it, reaches the
// view of that table: a field added to a row and missing from a view
// fails here (schemas/declaration_test.go checks the codec and the rows).
func TestViewsCarryEveryColumn(t *testing.T) {
	conn, _ := openWarehouse(t, buildWarehouse(t))
	for view, row := range map[string]any{
		"cables": schemas.CableRow{}, "paragraphs": schemas.ParagraphRow{}, "entities": schemas.EntityRow{},
		"recipients": schemas.RecipientRow{}, "cable_references": schemas.ReferenceRow{},
	} {
		rows, err := conn.QueryContext(context.Background(), "SELECT column_name FROM (DESCRIBE "+view+")")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			got[name] = true
		}
		rows.Close()
		for _, f := range parquet.SchemaOf(row).Fields() {
			if !got[f.Name()] {
				t.Errorf("view %s has no column %s", view, f.Name())
			}
		}
	}
}
