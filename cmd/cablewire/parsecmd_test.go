package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// TestParseFragment: `parse --fragment FILE...` prints one JSON object of
// parse.Fields per file, in order, with no error for text that is not a
// whole cable (an empty file included).
func TestParseFragment(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"tags.txt":    "TAGS: PREL PGOV SUBJECT: NEW CABINET NAMED\n",
		"ref.txt":     "R 011200Z MAR 09\nREF: A) 08 RIO DE JAN 138 B) STATE 5\n",
		"signer.txt":  "3. DEPARTMENT WILL ADVISE.\nHARTWELL\n\nCONFIDENTIAL\n",
		"empty.txt":   "",
		"entity.txt":  "SUBJECT: MINISTER&#8217;S PLAN\n",
		"classby.txt": "1. CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY DCM JOHN DOE - 1.5 B,D.\n",
	}
	order := []string{"tags.txt", "ref.txt", "signer.txt", "empty.txt", "entity.txt", "classby.txt"}
	var args []string
	for _, name := range order {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	code, out, errs := runCLI(context.Background(), append([]string{"parse", "--fragment"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(order) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(order), out)
	}
	var got []schemas.Cable
	for _, l := range lines {
		var c schemas.Cable
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		got = append(got, c)
	}
	if g := got[0]; strings.Join(g.Tags, ",") != "PREL,PGOV" || g.Subject != "NEW CABINET NAMED" {
		t.Errorf("tags fragment: %v %q", g.Tags, g.Subject)
	}
	if g := got[1]; strings.Join(g.References, ",") != "08RIODEJANEIRO138,09STATE5" {
		t.Errorf("ref fragment: %v", g.References)
	}
	if g := got[2]; strings.Join(g.Signers, ",") != "HARTWELL" {
		t.Errorf("signer fragment: %v", g.Signers)
	}
	if g := got[4]; g.Subject != "MINISTER\u2019S PLAN" {
		t.Errorf("entity fragment: %q", g.Subject)
	}
	if g := got[5]; g.ClassifiedBy != "JOHN DOE" || g.ClassifiedByTitle != "DCM" {
		t.Errorf("classified-by fragment: %q %q", g.ClassifiedBy, g.ClassifiedByTitle)
	}
	// a missing file is an error, not an empty object
	if code, _, _ := runCLI(context.Background(), "parse", "--fragment", filepath.Join(dir, "absent.txt")); code == 0 {
		t.Errorf("missing file: exit 0")
	}
}
