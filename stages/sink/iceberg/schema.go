package iceberg

import (
	"bytes"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	ice "github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/table"
	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// Tables lists the warehouse tables mirrored, in the order they are synced.
var tableNames = []string{schemas.TableCables, schemas.TableParagraphs, schemas.TableEntities,
	schemas.TableRecipients, schemas.TableReferences}

// emptyFile is a Parquet file with no rows written by parquet-go, the
// sink's writer, for row type T: its schema is the files' schema.
func emptyFile[T any]() ([]byte, error) {
	var b bytes.Buffer
	w := parquet.NewGenericWriter[T](&b)
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// arrowSchema is the Arrow schema arrow-go reads from the table's files.
func arrowSchema(name string) (*arrow.Schema, error) {
	var (
		b   []byte
		err error
	)
	switch name {
	case schemas.TableCables:
		b, err = emptyFile[schemas.CableRow]()
	case schemas.TableParagraphs:
		b, err = emptyFile[schemas.ParagraphRow]()
	case schemas.TableEntities:
		b, err = emptyFile[schemas.EntityRow]()
	case schemas.TableRecipients:
		b, err = emptyFile[schemas.RecipientRow]()
	case schemas.TableReferences:
		b, err = emptyFile[schemas.ReferenceRow]()
	default:
		return nil, fmt.Errorf("iceberg: no table %q", name)
	}
	if err != nil {
		return nil, err
	}
	r, err := file.NewParquetReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return pqarrow.FromParquet(r.MetaData().Schema, &pqarrow.ArrowReadProperties{}, nil)
}

// icebergSchema is the table's Iceberg schema: the files' columns, with
// field ids assigned in column order (1, 2, ...; nested fields after).
func icebergSchema(name string) (*ice.Schema, error) {
	as, err := arrowSchema(name)
	if err != nil {
		return nil, err
	}
	return table.ArrowSchemaToIcebergWithFreshIDs(as, false)
}

// monthSpec partitions by month(created): the Hive year=/month= directories.
func monthSpec(sc *ice.Schema) (ice.PartitionSpec, error) {
	f, ok := sc.FindFieldByName("created")
	if !ok {
		return ice.PartitionSpec{}, fmt.Errorf("iceberg: no created column")
	}
	return ice.NewPartitionSpec(ice.PartitionField{
		SourceIDs: []int{f.ID}, FieldID: 1000, Name: "created_month", Transform: ice.MonthTransform{},
	}), nil
}
