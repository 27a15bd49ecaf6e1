package enrich_test

import (
	"fmt"

	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
)

func ExampleEnrich() {
	c := &schemas.Cable{
		Tags: []string{"PREL", "RS", "UP"},
		Paragraphs: []schemas.Paragraph{{N: 1, Text: "(C) MFA CIS First Department Director Vladimir Kudryavtsev said the GOR " +
			"backs the Collective Security Treaty Organization (CSTO). Kudryavtsev met President Putin in Dushanbe."}},
	}
	enrich.Enrich(c)
	fmt.Println(c.Countries, c.CountryNames)
	for _, e := range c.Entities {
		fmt.Printf("%s %q canonical=%q title=%q country=%s\n", e.Type, e.Text, e.Canonical, e.Title, e.Country)
	}
	// Output:
	// [RU UA] [Russian Federation Ukraine]
	// ORG "MFA CIS First Department" canonical="MFA CIS First Department" title="" country=
	// PERSON "Vladimir Kudryavtsev" canonical="Vladimir Kudryavtsev" title="Director" country=
	// ORG "GOR" canonical="Government of Russia" title="" country=RU
	// ORG "Collective Security Treaty Organization" canonical="Collective Security Treaty Organization" title="" country=
	// ORG "CSTO" canonical="Collective Security Treaty Organization" title="" country=
	// PERSON "Kudryavtsev" canonical="Vladimir Kudryavtsev" title="Director" country=
	// PERSON "Putin" canonical="Putin" title="President" country=
	// PLACE "Dushanbe" canonical="Dushanbe" title="" country=TJ
}
