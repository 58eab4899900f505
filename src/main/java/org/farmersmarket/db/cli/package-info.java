/**
 * {@code fmdb}, the operations command-line tool: migrate, status, validate, repair, reset, verify, drift, seed,
 * backup, restore and erd, built on picocli. {@link org.farmersmarket.db.cli.Fmdb} is the entry point; the
 * commands, their shared connection options and output helpers are package-private. The runnable jar is the
 * {@code cli} artifact of the build ({@code target/farmers-market-db-<version>-cli.jar}).
 */
package org.farmersmarket.db.cli;
