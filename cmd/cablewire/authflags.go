package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cablewire/cablewire/pipeline"
)

// authFlags are how a command authenticates to an external broker, and
// how the embedded server authenticates its own TCP clients. Secrets come
// from files or the environment, never from a flag value (the process
// table shows those to every user of the machine).
type authFlags struct {
	creds, nkey, user, passwordFile, tokenFile string
	tlsCA, tlsCert, tlsKey                     string
	inboxPrefix                                string

	listenUser, listenPasswordFile           string
	listenTLSCert, listenTLSKey, listenTLSCA string
}

func (a *authFlags) register(fs *flag.FlagSet) {
	env := os.Getenv
	fs.StringVar(&a.creds, "nats-creds", env("CABLEWIRE_NATS_CREDS"), "NATS credentials file (user JWT and seed, decentralized auth) ($CABLEWIRE_NATS_CREDS)")
	fs.StringVar(&a.nkey, "nats-nkey", env("CABLEWIRE_NATS_NKEY"), "file holding a NATS user nkey seed ($CABLEWIRE_NATS_NKEY)")
	fs.StringVar(&a.user, "nats-user", env("CABLEWIRE_NATS_USER"), "NATS user; the password from --nats-password-file or $CABLEWIRE_NATS_PASSWORD ($CABLEWIRE_NATS_USER)")
	fs.StringVar(&a.passwordFile, "nats-password-file", env("CABLEWIRE_NATS_PASSWORD_FILE"), "file holding the NATS user's password ($CABLEWIRE_NATS_PASSWORD_FILE)")
	fs.StringVar(&a.tokenFile, "nats-token-file", env("CABLEWIRE_NATS_TOKEN_FILE"), "file holding a NATS token; or $CABLEWIRE_NATS_TOKEN ($CABLEWIRE_NATS_TOKEN_FILE)")
	fs.StringVar(&a.inboxPrefix, "nats-inbox-prefix", env("CABLEWIRE_NATS_INBOX_PREFIX"), "reply subjects' prefix instead of _INBOX, so the user may subscribe to its own replies only ($CABLEWIRE_NATS_INBOX_PREFIX)")
	fs.StringVar(&a.tlsCA, "tls-ca", env("CABLEWIRE_TLS_CA"), "PEM CA certificates that sign the NATS servers' certificates ($CABLEWIRE_TLS_CA)")
	fs.StringVar(&a.tlsCert, "tls-cert", env("CABLEWIRE_TLS_CERT"), "client certificate for mutual TLS, with --tls-key ($CABLEWIRE_TLS_CERT)")
	fs.StringVar(&a.tlsKey, "tls-key", env("CABLEWIRE_TLS_KEY"), "client certificate's private key ($CABLEWIRE_TLS_KEY)")

	fs.StringVar(&a.listenUser, "listen-user", env("CABLEWIRE_LISTEN_USER"), "embedded server with --listen: require this user; the password from --listen-password-file or $CABLEWIRE_LISTEN_PASSWORD")
	fs.StringVar(&a.listenPasswordFile, "listen-password-file", env("CABLEWIRE_LISTEN_PASSWORD_FILE"), "embedded server: file holding --listen-user's password")
	fs.StringVar(&a.listenTLSCert, "listen-tls-cert", env("CABLEWIRE_LISTEN_TLS_CERT"), "embedded server: TLS certificate for --listen, with --listen-tls-key")
	fs.StringVar(&a.listenTLSKey, "listen-tls-key", env("CABLEWIRE_LISTEN_TLS_KEY"), "embedded server: the TLS certificate's private key")
	fs.StringVar(&a.listenTLSCA, "listen-tls-ca", env("CABLEWIRE_LISTEN_TLS_CA"), "embedded server: require client certificates signed by this CA (mutual TLS)")
}

// auth resolves the flags into the broker client's credentials, reading
// the secret files.
func (a *authFlags) auth() (pipeline.Auth, error) {
	out := pipeline.Auth{
		CredsFile: a.creds, NKeyFile: a.nkey, User: a.user,
		TLSCA: a.tlsCA, TLSCert: a.tlsCert, TLSKey: a.tlsKey, InboxPrefix: a.inboxPrefix,
	}
	var err error
	if out.Password, err = secret(a.passwordFile, "CABLEWIRE_NATS_PASSWORD", "--nats-password-file"); err != nil {
		return out, err
	}
	if out.Token, err = secret(a.tokenFile, "CABLEWIRE_NATS_TOKEN", "--nats-token-file"); err != nil {
		return out, err
	}
	return out, nil
}

// embedded fills the embedded server's own authorization and TLS.
func (a *authFlags) embedded(e *pipeline.EmbeddedConfig) error {
	pw, err := secret(a.listenPasswordFile, "CABLEWIRE_LISTEN_PASSWORD", "--listen-password-file")
	if err != nil {
		return err
	}
	e.User, e.Password = a.listenUser, pw
	e.TLSCert, e.TLSKey, e.TLSCA = a.listenTLSCert, a.listenTLSKey, a.listenTLSCA
	return nil
}

// secret reads a secret from file, else from the environment variable.
func secret(file, envVar, flagName string) (pipeline.Secret, error) {
	if file != "" {
		s, err := pipeline.ReadSecretFile(file)
		if err != nil {
			return "", fmt.Errorf("%s: %w", flagName, err)
		}
		return s, nil
	}
	return pipeline.Secret(os.Getenv(envVar)), nil
}
