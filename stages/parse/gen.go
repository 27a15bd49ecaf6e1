package parse

//go:generate go run ./internal/gen -ref ../../../shared/reference -out tables_gen.go
