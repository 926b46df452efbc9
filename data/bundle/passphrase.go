package bundle

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/scrypt"
)

// MinPassphraseLen is the shortest office passphrase accepted when one is
// set up (in characters).
const MinPassphraseLen = 8

// verifierWorkFactor is log2 N of the verifier's scrypt: about 0.1 s.
const verifierWorkFactor = 15

// CheckNewPassphrase validates a passphrase being set up, typed twice.
func CheckNewPassphrase(pass, again string) error {
	switch {
	case utf8.RuneCountInString(pass) < MinPassphraseLen:
		return fmt.Errorf("the passphrase must have at least %d characters", MinPassphraseLen)
	case pass != again:
		return errors.New("the two passphrases differ: type the same passphrase twice")
	}
	return nil
}

// NewVerifier returns a salted scrypt hash of pass, to be stored so that
// a passphrase typed later can be checked without storing it:
// "scrypt$<logN>$<salt>$<hash>".
func NewVerifier(pass string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	return makeVerifier(pass, salt, verifierWorkFactor)
}

func makeVerifier(pass string, salt []byte, logN int) (string, error) {
	key, err := scrypt.Key([]byte(pass), salt, 1<<logN, 8, 1, 32)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("scrypt$%d$%s$%s", logN, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// CheckVerifier reports whether pass is the passphrase verifier was made
// from.
func CheckVerifier(verifier, pass string) bool {
	parts := strings.Split(verifier, "$")
	if len(parts) != 4 || parts[0] != "scrypt" {
		return false
	}
	logN, err := strconv.Atoi(parts[1])
	if err != nil || logN < 1 || logN > 20 {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[2])
	if err != nil {
		return false
	}
	again, err := makeVerifier(pass, salt, logN)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(again), []byte(verifier)) == 1
}
