package parse

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// TestDateRange: a date outside MinYear-MaxYear or a month 13 is a parse
// error naming the date (the stage dead-letters it with that reason), and
// a date-time group never rewrites the reference id.
func TestDateRange(t *testing.T) {
	const body = "C O N F I D E N T I A L BEIRUT 009002\n\nE.O. 12958: DECL: 01/01/2016\nTAGS: PREL LE\nSUBJECT: AN INVENTED CABLE\n\n1. (C) Text.\n"
	cases := []struct {
		name    string
		doc     schemas.Document
		wantID  string // "" when an error is wanted
		wantDay string
		wantErr string
	}{
		{"dtg year 9999 keeps the id, date from the record",
			schemas.Document{Format: schemas.FormatJSON, Body: []byte(`{"date":"06/02/2006 10:00","ref_id":"06BEIRUT9002","text":"O 021000Z JUN 9999\nFM AMEMBASSY BEIRUT\n` + jsonText(body) + `"}`)},
			"06BEIRUT9002", "2006-06-02", ""},
		{"dtg year 9999 and no other date",
			schemas.Document{Format: schemas.FormatText, RefID: "06BEIRUT9002", Body: []byte("O 021000Z JUN 9999\nFM AMEMBASSY BEIRUT\n" + body)},
			"", "", "date-time group \"O 021000Z JUN 9999\" has a year outside 1950-2030"},
		{"dtg year 1800",
			schemas.Document{Format: schemas.FormatText, RefID: "06BEIRUT9002", Body: []byte("R 021000Z JUN 1800\n" + body)},
			"", "", "outside 1950-2030"},
		{"dtg year in range but not the id's: the id stands",
			schemas.Document{Format: schemas.FormatText, RefID: "06BEIRUT9002", Body: []byte("O 021000Z JUN 2009\n" + body)},
			"06BEIRUT9002", "2009-06-02", ""},
		{"record month 13",
			schemas.Document{Format: schemas.FormatJSON, Body: []byte(`{"date":"13/02/2006 10:00","ref_id":"06BEIRUT9002","text":"` + jsonText(body) + `"}`)},
			"", "", `creation date "13/02/2006 10:00" is not a valid date`},
		{"record year 2100",
			schemas.Document{Format: schemas.FormatJSON, Body: []byte(`{"date":"06/02/2100 10:00","ref_id":"06BEIRUT9002","text":"` + jsonText(body) + `"}`)},
			"", "", "creation date 2100-06-02 outside the accepted years 1950-2030"},
		{"record year 0000",
			schemas.Document{Format: schemas.FormatJSON, Body: []byte(`{"date":"0000-06-02","ref_id":"06BEIRUT9002","text":"` + jsonText(body) + `"}`)},
			"", "", "outside the accepted years"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse(tc.doc)
			if tc.wantErr != "" {
				if err == nil || !errors.Is(err, ErrNotCable) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want ErrNotCable with %q (cable %s %v)", err, tc.wantErr, c.RefID, c.Created)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.RefID != tc.wantID || c.Created.Format("2006-01-02") != tc.wantDay {
				t.Fatalf("got %s %s, want %s %s", c.RefID, c.Created.Format("2006-01-02"), tc.wantID, tc.wantDay)
			}
		})
	}
}

func jsonText(s string) string { return strings.ReplaceAll(s, "\n", `\n`) }

// TestStageDateErrorIsPermanent: the stage hands a bad date to the runner
// as a permanent error with the reason, which the runner dead-letters
// (retrying cannot cure it).
func TestStageDateErrorIsPermanent(t *testing.T) {
	doc := schemas.Document{Format: schemas.FormatText, RefID: "06BEIRUT9002", Source: "bad-date.txt",
		Body: []byte("O 021000Z JUN 9999\nFM AMEMBASSY BEIRUT\nC O N F I D E N T I A L BEIRUT 009002\n\nTAGS: PREL\n\n1. (C) Text.\n")}
	out, err := Stage().Handle(context.Background(), &pipeline.Message{ID: "raw:1", Header: pipeline.Header(doc.Headers()), Data: doc.Body})
	if err == nil || !pipeline.IsPermanent(err) || !strings.Contains(err.Error(), "year outside 1950-2030") || out != nil {
		t.Fatalf("out %v err %v, want a permanent error naming the year", out, err)
	}
}
