package parse

import (
	"slices"
	"testing"
)

// TestSigners: the signature after the last paragraph, in every era's
// layout, and never a word that only ends a line. All names are invented.
func TestSigners(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"surname on its own line", "1. (C) The talks will go on.\nROE\n", []string{"ROE"}},
		{"mixed case surname", "1. (C) The talks will go on.\n\nRoe\n", []string{"Roe"}},
		{"glued after the last sentence", "1. (C) The talks will go on. ROE\n", []string{"ROE"}},
		{"two-word surname", "5. (C) THE EMBASSY WILL FOLLOW THIS ISSUE.\nDE LA CRUZ\n", []string{"DE LA CRUZ"}},
		{"classification footer", "5. (C) THE EMBASSY WILL FOLLOW THIS ISSUE.\n\nHARTWELL\n\nCONFIDENTIAL\n", []string{"HARTWELL"}},
		{"declassification stamp", "3. (U) DEPARTMENT WILL ADVISE.\nHARTWELL\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n", []string{"HARTWELL"}},
		{"operator's note", "3. DEPARTMENT WILL ADVISE.\n\nHARTWELL\n\nNOTE BY OC/T: NOT PASSED TO USIA.\n", []string{"HARTWELL"}},
		{"operator's note on two lines after a footer", "3. DEPARTMENT WILL ADVISE.\nVAN DOREN\n\nSECRET\n\nNOTE BY OC/T: THIS MESSAGE WAS\nNOT PASSED TO THE WHITE HOUSE.\n", []string{"VAN DOREN"}},
		{"end of document mark", "3. DEPARTMENT WILL ADVISE.\nHARTWELL\n\nCONFIDENTIAL\n\n<< END OF DOCUMENT >>\n", []string{"HARTWELL"}},
		{"transmission trailer", "3. DEPARTMENT WILL ADVISE.\nHARTWELL\nBT\n#1234\nNNNN\n", []string{"HARTWELL"}},
		{"after a link", "5. (U) Visit our site: http://www.example.sgov.gov/p/x/index.c fm\n\nROE\n", []string{"ROE"}},
		{"glued after a link", "5. (U) Visit our site: http://www.example.sgov.gov/wiki/Portal:Unit ed_Land ROE\n", []string{"ROE"}},
		{"instruction before the name", "3. DEPARTMENT WILL ADVISE.\nGP-3 HARTWELL\n", []string{"HARTWELL"}},
		{"without a paragraph number", "THE DEPARTMENT WILL ADVISE.\nHARTWELL\n", []string{"HARTWELL"}},
		{"an end line is not a signer", "3. DEPARTMENT WILL ADVISE.\nEnd Cable Text\n", nil},
		{"end marker glued before the name", "5. (C) We will see.  END COMMENT ROE\n", []string{"ROE"}},
		{"minimize notice before the name", "5. (U) Lagos minimize considered. MINIMIZE CONSIDERED ROE\n", []string{"ROE"}},
		{"after a line that ends no sentence", "5. (C) The minister will raise this with the\nSpanish media\nRoe\n", []string{"Roe"}},
		{"after a list", "5. (U) Countries: Uganda, Vietnam\nInternational Organizations: UN\nROE\n", []string{"ROE"}},
		{"after End Comment without a stop", "5. (C) We will see. End Comment\nROE\n", []string{"ROE"}},
		{"after a minimize line", "5. (C) We will see.\nMINIMIZED CONSIDERED\nROE\n", []string{"ROE"}},
		{"mixed case after a link", "5. (U) Please visit our Classified Website at:\nhttp://www.example.sgov.gov/p/x/index.c fm\nRoe\n", []string{"Roe"}},
		{"a word ending a broken line is not a signer", "5. (C) The minister will raise this with the\nmedia\n", nil},
		{"a capitalized last word with a stop is not a signer", "5. (C) The minister met\nObama.\n", nil},
		{"a function word is not a signer", "5. (C) THE EMBASSY WILL FOLLOW THIS ISSUE.\nThe\n", nil},
		{"a marking is not a signer", "5. (C) THE EMBASSY WILL FOLLOW THIS ISSUE.\nNOFORN\n", nil},
		{"end comment is not a signer", "5. (C) Comment: we will see. End Comment.\n", nil},
		{"a sentence is not a signer", "5. (C) The talks will go on and the minister will travel to the capital.\n", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fields(tc.text).Signers; !slices.Equal(got, tc.want) {
				t.Errorf("signers %q, want %q", got, tc.want)
			}
		})
	}
}
