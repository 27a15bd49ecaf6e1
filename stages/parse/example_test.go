package parse_test

import (
	"fmt"

	"github.com/cablewire/cablewire/stages/parse"
)

// Fields reads each field of a fragment on its own: no routing header or
// classification line is needed. Without a date-time group, a reference
// written without its year takes the year written before an earlier one
// in the list (here 07).
func ExampleFields() {
	c := parse.Fields(`TAGS: PREL, PGOV, RS, KDEM
REF: A. 07 MOSCOW 4849 B. STATE 1234 AND 1240 C. EMAIL OF 10/02/07

Classified By: Political Counselor Jane Roe, reasons 1.4 (b) and (d)`)
	fmt.Println(c.Tags, c.TagKinds)
	fmt.Println(c.References)
	fmt.Printf("%q\n", c.ReferencesOther)
	fmt.Printf("%s | %s | %s\n", c.ClassifiedBy, c.ClassifiedByTitle, c.ClassificationReasons)
	// Output:
	// [PREL PGOV RS KDEM] [subject subject geographic program]
	// [07MOSCOW4849 07STATE1234 07STATE1240]
	// ["EMAIL OF 10/02/07"]
	// Jane Roe | Political Counselor | 1.4 (b) and (d)
}
