// Package app is the OpsBench domain: entity types, identifiers and clocks,
// validation rules and sentinel errors. It imports neither Fyne nor
// database/sql; storage lives in package data, screens in package ui.
package app
