package pipeline

import (
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"github.com/nats-io/nats.go"
)

// refusal says whether err is the broker refusing this client in a way
// waiting cannot cure (a credential, a certificate, TLS required, a bad
// argument), and what the user should check ("" when nothing more can be
// said). It is the one list of such failures: Retry stops on them, and
// Connect marks them Permanent with the hint (explain).
func refusal(err error) (hint string, refused bool) {
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.Is(err, nats.ErrAuthorization), errors.Is(err, nats.ErrAuthExpired), errors.Is(err, nats.ErrAuthRevoked),
		errors.Is(err, nats.ErrAccountAuthExpired):
		return "the server refused these credentials: check --nats-creds, --nats-nkey, --nats-user with --nats-password-file, or --nats-token-file", true
	case errors.As(err, &unknownCA):
		return "the server's certificate is not signed by a known CA: give its CA with --tls-ca", true
	case errors.As(err, &hostname):
		return "the server's certificate does not name the host in the URL", true
	case errors.As(err, &invalid):
		return "the server's certificate is not valid: " + invalid.Detail, true
	case errors.Is(err, nats.ErrSecureConnRequired):
		return "the server requires TLS: use a tls:// URL or --tls-ca", true
	case strings.Contains(err.Error(), "remote error: tls:"), strings.Contains(err.Error(), "closed by remote after TLS handshake"):
		// The server's TLS alert about our side: no certificate, or one
		// signed by a CA it does not trust. Under TLS 1.3 the alert can
		// arrive after the handshake, as a closed connection.
		return "the server requires a client certificate it trusts: --tls-cert and --tls-key", true
	case errors.Is(err, nats.ErrNkeysNotSupported), errors.Is(err, nats.ErrInvalidArg), errors.Is(err, nats.ErrBadSubject):
		return "", true
	}
	return "", false
}

// explain marks a refusal Permanent and adds what to do, so a wrong secret
// or a missing CA says so instead of only "EOF".
func explain(err error) error {
	hint, refused := refusal(err)
	switch {
	case !refused:
		return err
	case hint == "":
		return Permanent(err)
	}
	return Permanent(fmt.Errorf("%w (%s)", err, hint))
}
