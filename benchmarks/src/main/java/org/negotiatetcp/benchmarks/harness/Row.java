package org.negotiatetcp.benchmarks.harness;

/**
 * The rows of the table of issue 11 that run in rounds.
 */
enum Row {

	/** 1 KiB request/response on one connection. */
	REQUEST_RESPONSE_1("1 KiB request/response, 1 connection"),

	/** 1 KiB request/response on 16 connections at once. */
	REQUEST_RESPONSE_16("1 KiB request/response, 16 connections"),

	/** 16 KiB messages echoed, 8 in flight. */
	BULK_16K("bulk echo, 16 KiB messages"),

	/** 63 KiB messages echoed, 8 in flight. */
	BULK_63K("bulk echo, 63 KiB messages"),

	/** Connections opened and closed one after the other. */
	OPEN_CLOSE("open + close, sequential");

	private final String title;

	Row(String title) {
		this.title = title;
	}

	String title() {
		return this.title;
	}

}
