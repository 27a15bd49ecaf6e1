package parse

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// recordForms parses rec as the binary record ingest publishes now and as
// the JSON record it published before, with the same hash.
func recordForms(t *testing.T, rec schemas.SourceRecord) (bin, js schemas.Cable, binErr, jsErr error) {
	t.Helper()
	j, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	bin, binErr = Parse(schemas.Document{Format: schemas.FormatRecord, Source: "x.csv:1", Hash: "h", Body: rec.AppendBinary(nil)})
	js, jsErr = Parse(schemas.Document{Format: schemas.FormatJSON, Source: "x.csv:1", Hash: "h", Body: j})
	return
}

// A csv row parses to the same cable in either wire form, so a warehouse
// loaded from JSON records takes a reload from binary ones as unchanged.
func TestBinaryRecordParsesAsItsJSONForm(t *testing.T) {
	for _, rec := range []schemas.SourceRecord{
		{ID: 7, Date: "12/28/1966 18:48", RefID: "66BUENOSAIRES2481", Origin: "Embassy Buenos Aires", Classification: "UNCLASSIFIED",
			Header: "R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC", Body: "SUBJECT: A <b>TEST</b> & MORE\n\n1. (U) Text with \xe9 and \u00a0 and \r\n lines.\n"},
		{RefID: "09X1", Text: "UNCLASSIFIED\nSUBJECT: ONE\n1. (U) Text \u2028 with \x00 NUL.\n", References: "08X1, 08X2"},
		{RefID: "09X2", Date: "not a date", Body: "1. (C) Only a body."},
		{RefID: "09X3"},
	} {
		bin, js, binErr, jsErr := recordForms(t, rec)
		if (binErr == nil) != (jsErr == nil) || binErr != nil && binErr.Error() != jsErr.Error() {
			t.Errorf("%s: binary err %v, JSON err %v", rec.RefID, binErr, jsErr)
			continue
		}
		if !reflect.DeepEqual(bin, js) {
			t.Errorf("%s: the forms parse differently\nbinary %+v\nJSON   %+v", rec.RefID, bin, js)
		}
	}
}

// A binary record never panics the parser, and parses as its JSON form.
func FuzzRecordForms(f *testing.F) {
	f.Add(int64(1), "12/28/1966 18:48", "66X1", "UNCLASSIFIED", "header", "1. (U) body \xe9")
	f.Fuzz(func(t *testing.T, id int64, date, ref, class, header, body string) {
		rec := schemas.SourceRecord{ID: id, Date: date, RefID: ref, Classification: class, Header: header, Body: body}
		bin, js, binErr, jsErr := recordForms(t, rec)
		if (binErr == nil) != (jsErr == nil) {
			t.Fatalf("binary err %v, JSON err %v", binErr, jsErr)
		}
		if binErr == nil && !reflect.DeepEqual(bin, js) {
			t.Fatalf("the forms parse differently\nbinary %+v\nJSON   %+v", bin, js)
		}
		// Truncated or altered, it is an error, never a panic.
		b := rec.AppendBinary(nil)
		_, _ = Parse(schemas.Document{Format: schemas.FormatRecord, Body: b[:len(b)/2]})
	})
}
