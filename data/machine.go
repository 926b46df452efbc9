package data

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Machine is the computer a database is opened on: its host name and a
// stable id (the system's machine id where one can be read, else a random
// token kept beside the database). Neither travels inside the database
// file, so a database copied to another computer notices it.
type Machine struct {
	Host string
	ID   string
}

// Fingerprint is a short hash of the machine, recorded in the database.
func (m Machine) Fingerprint() string {
	sum := sha256.Sum256([]byte(m.Host + "\x00" + m.ID))
	return hex.EncodeToString(sum[:8])
}

// machineTokenSuffix names the fallback token file beside a database.
// It stays behind when only the database file is copied; a whole copied
// folder takes it along, but then the host name usually differs.
const machineTokenSuffix = ".machine"

// ThisMachine reads the computer's host name and machine id; without a
// system id it uses (creating it once) the token file beside dbPath.
func ThisMachine(dbPath string) Machine {
	host, _ := os.Hostname()
	m := Machine{Host: strings.TrimSpace(host)}
	if id := strings.TrimSpace(systemMachineID()); id != "" {
		m.ID = id
		return m
	}
	m.ID = machineToken(dbPath + machineTokenSuffix)
	return m
}

func machineToken(path string) string {
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 16 {
		return strings.TrimSpace(string(b))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	buf := make([]byte, 16)
	_, _ = rand.Read(buf)
	tok := hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(tok+"\n"), 0o644); err != nil {
		return "" // an unwritable folder: the host name alone must do
	}
	return tok
}

// samePath compares database paths as the file system does: without
// regard to case on Windows and macOS.
func samePath(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(a, b)
	}
	return a == b
}
