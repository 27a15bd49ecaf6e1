package schemas

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// A record is declared once, in Cable; the binary codec, the Parquet rows
// and their sizes follow it by hand. These tests fail when a field added
// to Cable does not reach one of them; stages/sink/rowsize_test.go checks
// the row sizes and cmd/cablewire-sql/declaration_test.go the SQL views.

// filled sets every field of v (recursively, one element per slice) to a
// non-zero value derived from its path, so that a field the codec or a row
// drops shows up as a difference.
func filled(v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(path)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(len(path)))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		filled(s.Index(0), path+"[0]")
		v.Set(s)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			filled(v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	}
}

func filledCable() Cable {
	var c Cable
	filled(reflect.ValueOf(&c).Elem(), "c")
	c.DeclDate = "2017-10-01" // parsed into the row's date
	return c
}

// zeroFields lists the fields of struct v (recursively) that are zero.
func zeroFields(v reflect.Value, path string) []string {
	var out []string
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			if v.Interface().(time.Time).IsZero() {
				out = append(out, path)
			}
			return out
		}
		for i := range v.NumField() {
			out = append(out, zeroFields(v.Field(i), path+"."+v.Type().Field(i).Name)...)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			return []string{path}
		}
		out = append(out, zeroFields(v.Index(0), path+"[0]")...)
	case reflect.Pointer:
		if v.IsNil() {
			return []string{path}
		}
		out = append(out, zeroFields(v.Elem(), path)...)
	default:
		if v.IsZero() {
			out = append(out, path)
		}
	}
	return out
}

func TestCodecCarriesEveryField(t *testing.T) {
	c := filledCable()
	if z := zeroFields(reflect.ValueOf(c), "Cable"); len(z) > 0 {
		t.Fatalf("the test's filler left fields zero: %v", z)
	}
	var got Cable
	if err := got.UnmarshalBinary(c.AppendBinary(nil)); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		want, _ := json.Marshal(c)
		have, _ := json.Marshal(got)
		t.Errorf("the binary codec drops or changes a field:\n want %s\n got  %s", want, have)
	}
	if n := c.BinarySize(); n != len(c.AppendBinary(nil)) {
		t.Errorf("BinarySize %d, encoding %d bytes", n, len(c.AppendBinary(nil)))
	}
}

// Every field of Cable has a column in some table, and every row a
// filled cable makes has every column set.
func TestRowsCarryEveryField(t *testing.T) {
	columns := map[string]bool{}
	for _, row := range []any{CableRow{}, ParagraphRow{}, EntityRow{}, RecipientRow{}, ReferenceRow{}} {
		rt := reflect.TypeOf(row)
		for i := range rt.NumField() {
			name, _, _ := strings.Cut(rt.Field(i).Tag.Get("parquet"), ",")
			columns[name] = true
		}
	}
	// Fields that become rows of their own table rather than a column.
	inTables := map[string]string{"paragraphs": TableParagraphs, "entities": TableEntities}
	ct := reflect.TypeFor[Cable]()
	for i := range ct.NumField() {
		name, _, _ := strings.Cut(ct.Field(i).Tag.Get("json"), ",")
		if _, ok := inTables[name]; ok {
			continue
		}
		if !columns[name] {
			t.Errorf("Cable.%s (%q) has no column in any table", ct.Field(i).Name, name)
		}
	}

	c := filledCable()
	var rs RowSet
	rs.Set(&c, 2)
	for name, rows := range map[string]any{
		TableCables: rs.Cables, TableParagraphs: rs.Paragraphs, TableEntities: rs.Entities,
		TableRecipients: rs.Recipients, TableReferences: rs.References,
	} {
		v := reflect.ValueOf(rows)
		if v.Len() == 0 {
			t.Errorf("%s: no row for a filled cable", name)
			continue
		}
		for _, z := range zeroFields(v.Index(0), name) {
			t.Errorf("%s: column %s not set from the cable", name, z)
		}
	}
}
