package parse

import (
	"slices"
	"testing"
)

// TestTags: the TAGS field with its continuation lines, ended by a page
// header or by the next field on the same line; glued tags are split only
// into tags the lists know. All text is invented.
func TestTags(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"spaces", "TAGS: PREL PGOV RS\n", []string{"PREL", "PGOV", "RS"}},
		{"commas", "TAGS: PREL, PGOV, KDEM, RS\n", []string{"PREL", "PGOV", "KDEM", "RS"}},
		{"slashes", "TAGS: PREL/PGOV/RS\n", []string{"PREL", "PGOV", "RS"}},
		{"no colon", "TAGS PREL, PGOV, RS\n", []string{"PREL", "PGOV", "RS"}},
		{"lower-cased page", "Tags: prel, pgov, rs\n", []string{"PREL", "PGOV", "RS"}},
		{"continuation line", "TAGS: PREL, PGOV, ECON,\nEFIN, ETRD, RS\nSUBJECT: X\n", []string{"PREL", "PGOV", "ECON", "EFIN", "ETRD", "RS"}},
		{"continuation then a page header", "TAGS: PREL, PGOV, ECON,\nEFIN, ETRD\nPAGE 02 STATE 123456 291400Z\nSUBJECT: X\n", []string{"PREL", "PGOV", "ECON", "EFIN", "ETRD"}},
		{"page header inside the list", "TAGS: PREL, PGOV, TU,\nPAGE 02 ANKARA 01234 01 OF 02 121314Z\nKDEM, ECON\nSUBJECT: X\n", []string{"PREL", "PGOV", "TU", "KDEM", "ECON"}},
		{"personal tag in capitals", "TAGS: PREL, OVIP (ROE, JANE), RS\n", []string{"PREL", "OVIP", "ROE, JANE", "RS"}},
		{"personal tag in mixed case", "TAGS: PREL, OVIP (Roe, Jane)\n", []string{"PREL", "OVIP", "Roe, Jane"}},
		{"subject on the same line", "TAGS: PREL PGOV SUBJECT: NEW CABINET NAMED\n", []string{"PREL", "PGOV"}},
		{"subject on the continuation line", "TAGS: PREL PGOV\nKDEM RS SUBJECT: ELECTIONS\n", []string{"PREL", "PGOV", "KDEM", "RS"}},
		{"web page link debris", "TAGS: [PREL](#) [PGOV](#) [RS](#)\n", []string{"PREL", "PGOV", "RS"}},
		{"page links", "TAGS: <a href='/tag/PREL_0.html'>PREL</a> <a href='/tag/RS_0.html'>RS</a>\n", []string{"PREL", "RS"}},
		{"glued known tags", "TAGS: PRELPGOV, RS\n", []string{"PREL", "PGOV", "RS"}},
		{"two glued subject tags", "TAGS: PREL, KNNPMNUC\n", []string{"PREL", "KNNP", "MNUC"}},
		{"a word the lists do not split is kept whole", "TAGS: PREL, ZQXWVUTS\n", []string{"PREL", "ZQXWVUTS"}},
		{"organization tag", "TAGS: PREL, IAEA, UN\n", []string{"PREL", "IAEA", "UN"}},
		{"prose after the field is not a tag", "TAGS: PREL, RS\nThe minister said that the talks went well.\n", []string{"PREL", "RS"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Fields(tc.text)
			if !slices.Equal(c.Tags, tc.want) || len(c.TagKinds) != len(c.Tags) {
				t.Errorf("tags %q (kinds %q), want %q", c.Tags, c.TagKinds, tc.want)
			}
		})
	}
}
