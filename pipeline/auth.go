package pipeline

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"

	"github.com/nats-io/nats.go"
)

// Secret is a password or token. It prints as "[redacted]" with any fmt
// verb and in slog, so a secret that reaches a log line or an error by
// mistake stays hidden; Reveal is the one way to read it.
type Secret string

// Redacted is what a Secret prints as.
const Redacted = "[redacted]"

func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return Redacted
}

// GoString keeps %#v from printing the secret.
func (s Secret) GoString() string { return s.String() }

// LogValue keeps slog from printing the secret.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Reveal returns the secret itself, for the one call that needs it.
func (s Secret) Reveal() string { return string(s) }

// ReadSecretFile reads a password or token from a file: the first line,
// without its line ending or surrounding blanks. Errors name the file, never
// its content.
func ReadSecretFile(path string) (Secret, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("secret file: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	s := strings.TrimSpace(line)
	if s == "" {
		return "", fmt.Errorf("secret file %s: empty", path)
	}
	return Secret(s), nil
}

// Auth is how a client proves who it is to the broker and which TLS it
// expects. At most one of CredsFile, NKeyFile, User and Token is set;
// TLS combines with any of them.
type Auth struct {
	CredsFile string // decentralized auth: a .creds file (user JWT and nkey seed)
	NKeyFile  string // a file holding a user's nkey seed (SU...)
	User      string
	Password  Secret
	Token     Secret
	TLSCA     string // PEM roots that sign the server's certificate
	TLSCert   string // client certificate (mutual TLS), with TLSKey
	TLSKey    string
	// InboxPrefix replaces "_INBOX" in reply subjects, so that a user may
	// be allowed to subscribe to its own replies only (_INBOX_parse.>)
	// rather than to every client's.
	InboxPrefix string
}

// options turns a into nats.go options, after checking it is coherent.
func (a Auth) options() ([]nats.Option, error) {
	n := 0
	for _, set := range []bool{a.CredsFile != "", a.NKeyFile != "", a.User != "", a.Token != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		return nil, errors.New("nats auth: give one of a creds file, an nkey seed, a user and password, or a token")
	}
	if (a.TLSCert == "") != (a.TLSKey == "") {
		return nil, errors.New("nats tls: a client certificate needs both --tls-cert and --tls-key")
	}
	if a.Password != "" && a.User == "" {
		return nil, errors.New("nats auth: a password needs a user (--nats-user)")
	}
	if a.User != "" && a.Password == "" {
		return nil, fmt.Errorf("nats auth: user %q has no password (--nats-password-file or $CABLEWIRE_NATS_PASSWORD)", a.User)
	}
	var opts []nats.Option
	switch {
	case a.CredsFile != "":
		if _, err := os.Stat(a.CredsFile); err != nil {
			return nil, fmt.Errorf("nats creds: %w", err)
		}
		opts = append(opts, nats.UserCredentials(a.CredsFile))
	case a.NKeyFile != "":
		o, err := nats.NkeyOptionFromSeed(a.NKeyFile)
		if err != nil {
			// nats.go's message names the file and what is wrong with it,
			// never the seed.
			return nil, fmt.Errorf("nats nkey %s: %w", a.NKeyFile, err)
		}
		opts = append(opts, o)
	case a.User != "":
		opts = append(opts, nats.UserInfo(a.User, a.Password.Reveal()))
	case a.Token != "":
		opts = append(opts, nats.Token(a.Token.Reveal()))
	}
	if a.InboxPrefix != "" {
		opts = append(opts, nats.CustomInboxPrefix(a.InboxPrefix))
	}
	if a.TLSCA != "" {
		opts = append(opts, nats.RootCAs(a.TLSCA))
	}
	if a.TLSCert != "" {
		opts = append(opts, nats.ClientCert(a.TLSCert, a.TLSKey))
	}
	return opts, nil
}

// secrets lists what must never be printed: the password and token, and
// those a URL carries.
func (a Auth) secrets(urls string) []string {
	var out []string
	for _, s := range []Secret{a.Password, a.Token} {
		if s != "" {
			out = append(out, s.Reveal())
		}
	}
	for _, u := range strings.Split(urls, ",") {
		p, err := url.Parse(strings.TrimSpace(u))
		if err != nil || p.User == nil {
			continue
		}
		if pw, ok := p.User.Password(); ok && pw != "" {
			out = append(out, pw)
		} else if name := p.User.Username(); name != "" {
			out = append(out, name) // nats://TOKEN@host
		}
	}
	return out
}

// RedactURL returns a server URL list fit to print: a password or a token
// in any URL becomes "[redacted]"; a user name next to a password stays.
func RedactURL(urls string) string {
	parts := strings.Split(urls, ",")
	for i, u := range parts {
		p, err := url.Parse(strings.TrimSpace(u))
		if err != nil {
			// An unparsable URL may still hold a secret before an "@".
			if at := strings.LastIndex(u, "@"); at >= 0 {
				parts[i] = Redacted + u[at:]
			}
			continue
		}
		if p.User == nil {
			continue
		}
		if _, ok := p.User.Password(); ok {
			p.User = url.UserPassword(p.User.Username(), "REDACTED")
		} else {
			p.User = url.User("REDACTED")
		}
		parts[i] = strings.Replace(p.String(), "REDACTED", Redacted, 1)
	}
	return strings.Join(parts, ",")
}

// redactedError hides secrets from an error's text; errors.Is and As still
// see the cause.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redact returns err with every secret replaced in its text.
func redact(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, Redacted)
		}
	}
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg, err}
}
