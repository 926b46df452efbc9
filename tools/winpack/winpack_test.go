package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// A plain Windows build has neither icon nor version information: the
// check must say so (this is what the release zip had before packaging).
func TestPlainExeLacksResources(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "plain.exe")
	cmd := exec.Command("go", "build", "-o", exe, src)
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ReadResources(f)
	if err == nil {
		if p := res.Problems("0.1.0"); len(p) == 0 {
			t.Fatalf("a plain exe passed the check: %+v", res)
		}
	} else if !strings.Contains(err.Error(), "no resource section") {
		t.Fatalf("ReadResources = %v, want no resource section", err)
	}
}

func TestNotAnExe(t *testing.T) {
	if _, err := ReadResources(bytes.NewReader([]byte("MZ but not really"))); err == nil {
		t.Fatal("a text file read as an executable")
	}
}

// block builds a version-resource block (see versionBlock).
func block(key string, value []byte, text bool, children ...[]byte) []byte {
	var b []byte
	b = append(b, 0, 0, 0, 0, 0, 0)
	for _, c := range utf16.Encode([]rune(key + "\x00")) {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	b = append(b, value...)
	for _, c := range children {
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		b = append(b, c...)
	}
	binary.LittleEndian.PutUint16(b, uint16(len(b)))
	vl := len(value)
	if text {
		vl /= 2
		binary.LittleEndian.PutUint16(b[4:], 1)
	}
	binary.LittleEndian.PutUint16(b[2:], uint16(vl))
	return b
}

func utf16z(s string) []byte {
	var b []byte
	for _, c := range utf16.Encode([]rune(s + "\x00")) {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	return b
}

func TestParseVersionInfo(t *testing.T) {
	fixed := make([]byte, 52)
	binary.LittleEndian.PutUint32(fixed, 0xFEEF04BD)
	binary.LittleEndian.PutUint32(fixed[8:], 0<<16|2)  // 0.2
	binary.LittleEndian.PutUint32(fixed[12:], 3<<16|7) // .3.7
	info := block("VS_VERSION_INFO", fixed, false,
		block("StringFileInfo", nil, true,
			block("040904B0", nil, true,
				block("ProductName", utf16z("OpsBench"), true),
				block("FileVersion", utf16z("0.2.3.7"), true))),
		block("VarFileInfo", nil, true, block("Translation", []byte{9, 4, 0xB0, 4}, false)))
	vi, err := parseVersionInfo(info)
	if err != nil {
		t.Fatal(err)
	}
	if vi.FileVersion != [4]uint16{0, 2, 3, 7} {
		t.Errorf("FileVersion = %v", vi.FileVersion)
	}
	if vi.Strings["ProductName"] != "OpsBench" || vi.Strings["FileVersion"] != "0.2.3.7" {
		t.Errorf("Strings = %v", vi.Strings)
	}
	res := Resources{Icons: 1, IconGroups: 1, Version: &vi}
	if p := res.Problems("0.2.3"); len(p) != 0 {
		t.Errorf("complete resources: %v", p)
	}
	if p := res.Problems("0.2.4"); len(p) != 1 || !strings.Contains(p[0], "0.2.4") {
		t.Errorf("wrong version not named: %v", p)
	}
	if p := (Resources{Version: &vi}).Problems("0.2.3"); len(p) != 1 || !strings.Contains(p[0], "icon") {
		t.Errorf("missing icon not named: %v", p)
	}
	if _, err := parseVersionInfo(info[:20]); err == nil {
		t.Error("a cut-short block parsed")
	}
}

// The zip holds the exe and the quick start, the text with a BOM and CRLF
// so Notepad shows the Chinese right; check refuses a zip without them.
func TestPackAndCheck(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "OpsBench.exe")
	guide := filepath.Join(dir, "guide.txt")
	if err := os.WriteFile(exe, []byte("not a real exe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(guide, []byte("OpsBench 运营台\nline two\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "p.zip")
	if err := pack(exe, guide, out); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name == guideName {
			b, _ := readAll(f)
			if !bytes.HasPrefix(b, []byte("\ufeff")) || !bytes.Contains(b, []byte("运营台\r\nline two\r\n")) {
				t.Errorf("quick start = %q", b)
			}
		}
	}
	if strings.Join(names, ",") != exeName+","+guideName {
		t.Errorf("zip entries = %v", names)
	}
	err = check(out, "0.1.0")
	if err == nil || !strings.Contains(err.Error(), "not a Windows executable") {
		t.Errorf("check of a fake exe = %v", err)
	}
}
