// Package schemas holds cablewire's records and table schemas: the JSON
// contract that flows between stages, the Parquet row types of the
// warehouse, and the stream topology. It imports nothing of ours, so every
// other package can depend on it.
//
// Compatibility: field names are the contract (JSON keys, Parquet column
// names). New fields are added as optional/nullable; nothing is renamed.
// Bump TableVersion when a table's columns change.
package schemas
