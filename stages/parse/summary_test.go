package parse

import "testing"

// TestSummary: the summary in the markers of every era, ending at END
// SUMMARY or, without one, with its paragraph. All text is invented.
func TestSummary(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"SUMMARY colon", "SUMMARY: THE MINISTER AGREED. END SUMMARY.\n\n1. TEXT.\n", "THE MINISTER AGREED."},
		{"numbered paragraph", "1. (C) SUMMARY. THE MINISTER AGREED.\n\n2. (C) MORE.\n", "THE MINISTER AGREED."},
		{"mixed case over paragraphs", "1. (SBU) Summary: The minister agreed.\n\n2. (SBU) He also said so.  End Summary.\n\n3. (SBU) Other.\n", "The minister agreed.\n\nHe also said so."},
		{"BEGIN SUMMARY", "BEGIN SUMMARY: THE MINISTER AGREED. END SUMMARY.\n", "THE MINISTER AGREED."},
		{"numbered BEGIN SUMMARY", "1. BEGIN SUMMARY. THE MINISTER AGREED. END SUMMARY.\n\n2. TEXT.\n", "THE MINISTER AGREED."},
		{"SUMMARY AND COMMENT", "1. (C) SUMMARY AND COMMENT: THE MINISTER AGREED. END SUMMARY AND COMMENT.\n\n2. (C) TEXT.\n", "THE MINISTER AGREED."},
		{"Summary and action request", "1. (U) Summary and action request: Please deliver the note. End summary.\n", "Please deliver the note."},
		{"heading over numbered paragraphs", "SUMMARY\n-------\n\n1. (U) THE MINISTER AGREED.\n\n2. (U) MORE. END SUMMARY.\n\n3. (U) NOT.\n", "THE MINISTER AGREED.\n\nMORE."},
		{"heading with more words", "Summary and Key Themes\n---------------------\n\n1. (C) The minister agreed.\n\n2. (C) More.  End Summary\n\n3. (C) Not.\n", "The minister agreed.\n\nMore."},
		{"no end marker: the paragraph", "1. (C) Summary: The minister agreed.\n\n2. (C) Other.\n", "The minister agreed."},
		{"end marker across a line break", "1. (C) Summary: The minister agreed. End\nsummary.\n\n2. (C) Other.\n", "The minister agreed."},
		{"after another heading word", "1. (C) Introduction and Summary: The minister agreed.\n\n2. (C) Other.\n", "The minister agreed."},
		{"none", "1. (C) The minister agreed.\n", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fields(tc.text).Summary; got != tc.want {
				t.Errorf("summary %q, want %q", got, tc.want)
			}
		})
	}
}
