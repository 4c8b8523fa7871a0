package org.negotiatetcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UntrustedText}: peer text in logs and exception messages cannot forge lines or hide text, and is bounded.
 */
class UntrustedTextTests {

	@Test
	void cleanTextIsUnchanged() {
		assertThat(UntrustedText.safe("EXAMPLE\\alice")).isEqualTo("EXAMPLE\\alice");
		assertThat(UntrustedText.safe("net.tcp://host:808/Service")).isEqualTo("net.tcp://host:808/Service");
		assertThat(UntrustedText.safe(null)).isEqualTo("null");
	}

	@Test
	void lineBreaksAndControlCharactersAreEscapedSoALogLineCannotBeForged() {
		assertThat(UntrustedText.safe("bob\r\n2026-12-07 INFO admin logged on"))
			.isEqualTo("bob\\r\\n2026-12-07 INFO admin logged on")
			.doesNotContain("\n", "\r");
		assertThat(UntrustedText.safe("a\u0000b\u001bc\td\u0085e")).isEqualTo("a\\u0000b\\u001Bc\\td\\u0085e");
		assertThat(UntrustedText.safe("x\u2028y\u202Ez")).isEqualTo("x\\u2028y\\u202Ez");
	}

	@Test
	void longTextIsBounded() {
		String safe = UntrustedText.safe("v".repeat(10_000));
		assertThat(safe).startsWith("v".repeat(UntrustedText.MAX_LENGTH))
			.endsWith("...(" + (10_000 - UntrustedText.MAX_LENGTH) + " more characters)");
		assertThat(safe.length()).isLessThan(UntrustedText.MAX_LENGTH + 40);
	}

}
