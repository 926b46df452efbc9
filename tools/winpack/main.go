// Command winpack puts the Windows build of OpsBench and its quick-start
// text into the release zip, then reads the zip back and checks what an
// office PC needs: the exe is there, carries the app icon and version
// information (Windows shows both in Explorer and the taskbar), and the
// quick-start text is there. It exits non-zero, naming what is missing.
//
//	winpack -exe dist/OpsBench.exe -guide docs/quickstart-windows.txt \
//	        -version 0.1.0 -out dist/OpsBench-0.1.0-windows-amd64.zip
package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Names inside the zip.
const (
	exeName   = "OpsBench/OpsBench.exe"
	guideName = "OpsBench/QuickStart.txt"
)

func main() {
	exe := flag.String("exe", "", "the Windows executable built by fyne package")
	guide := flag.String("guide", "", "the bilingual quick-start text")
	version := flag.String("version", "", "the app version (FyneApp.toml)")
	out := flag.String("out", "", "the zip to write")
	flag.Parse()
	if *exe == "" || *guide == "" || *version == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := pack(*exe, *guide, *out); err != nil {
		fmt.Fprintln(os.Stderr, "winpack:", err)
		os.Exit(1)
	}
	if err := check(*out, *version); err != nil {
		fmt.Fprintln(os.Stderr, "winpack: the package is not complete:", err)
		os.Exit(1)
	}
	fmt.Println("wrote and checked", *out)
}

// pack writes the zip through a temporary name, so a failed run never
// leaves a half-written package under the real name.
func pack(exe, guide, out string) error {
	exeData, err := os.ReadFile(exe)
	if err != nil {
		return err
	}
	text, err := os.ReadFile(guide)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if err := add(zw, exeName, exeData, 0o755); err != nil {
		return err
	}
	if err := add(zw, guideName, windowsText(text), 0o644); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

func add(zw *zip.Writer, name string, data []byte, mode os.FileMode) error {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	h.SetMode(mode)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// windowsText gives the text a UTF-8 byte-order mark and CRLF line ends, so
// every Notepad shows the Chinese right.
func windowsText(b []byte) []byte {
	s := strings.ReplaceAll(string(bytes.TrimPrefix(b, []byte("\ufeff"))), "\r\n", "\n")
	return []byte("\ufeff" + strings.ReplaceAll(s, "\n", "\r\n"))
}

// check reads the zip back and verifies its contents.
func check(path, version string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	var problems []string
	if f := files[guideName]; f == nil {
		problems = append(problems, "no "+guideName)
	} else if b, err := readAll(f); err != nil || !bytes.Contains(b, []byte("OpsBench")) || !bytes.Contains(b, []byte("运营台")) {
		problems = append(problems, guideName+" is not the bilingual quick start")
	}
	f := files[exeName]
	if f == nil {
		problems = append(problems, "no "+exeName)
	} else {
		b, err := readAll(f)
		if err != nil {
			return err
		}
		res, err := ReadResources(bytes.NewReader(b))
		if err != nil {
			problems = append(problems, exeName+": "+err.Error())
		} else {
			problems = append(problems, res.Problems(version)...)
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func readAll(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
