package org.negotiatetcp.mechanism.kerberos;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket's authtime as the JDK reports it (RFC 4120 KerberosTime), which the PAC's client information must match.
 */
class TicketAuthorizationTests {

	@Test
	void kerberosTimeIsParsedAsUtc() {
		assertThat(TicketAuthorization.parseTime("20261207223000Z")).isEqualTo(Instant.parse("2026-12-07T22:30:00Z"));
	}

	@Test
	void unknownFormatsAreNotGuessed() {
		assertThat(TicketAuthorization.parseTime(null)).isNull();
		assertThat(TicketAuthorization.parseTime("2026-12-07")).isNull();
	}

}
