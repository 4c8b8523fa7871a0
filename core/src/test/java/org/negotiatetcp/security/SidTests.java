package org.negotiatetcp.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * SIDs in their string and binary forms, and their well-known names.
 */
class SidTests {

	@Test
	void stringAndBinaryFormsRoundTrip() {
		Sid sid = Sid.parse("S-1-5-21-1004336348-1177238915-682003330-512");
		assertThat(sid).hasToString("S-1-5-21-1004336348-1177238915-682003330-512");
		byte[] bytes = sid.toBytes();
		assertThat(bytes).hasSize(8 + 4 * 5);
		assertThat(bytes[0]).isEqualTo((byte) 1);
		assertThat(bytes[7]).isEqualTo((byte) 5);
		assertThat(Sid.fromBytes(bytes, 0, bytes.length)).isEqualTo(sid).hasSameHashCodeAs(sid);
		assertThat(sid.rid()).isEqualTo(512);
		assertThat(Sid.parse("S-1-5-21-1004336348-1177238915-682003330").append(512)).isEqualTo(sid);
		assertThat(Sid.parse("S-1-5-21-4294967295-1-2-3").toString()).endsWith("4294967295-1-2-3");
	}

	@Test
	void wellKnownNames() {
		assertThat(Sid.EVERYONE.wellKnownName()).isEqualTo("Everyone");
		assertThat(Sid.AUTHENTICATED_USERS.wellKnownName()).isEqualTo("Authenticated Users");
		assertThat(Sid.BUILTIN_ADMINISTRATORS.wellKnownName()).isEqualTo("Administrators");
		assertThat(Sid.parse("S-1-5-21-1-2-3-512").wellKnownName()).isEqualTo("Domain Admins");
		assertThat(Sid.parse("S-1-5-21-1-2-3-513").wellKnownName()).isEqualTo("Domain Users");
		assertThat(Sid.parse("S-1-5-21-1-2-3-1105").wellKnownName()).isNull();
		assertThat(Sid.parse("S-1-5-32-513").wellKnownName()).isNull();
		assertThat(Sid.parse("S-1-5-21-1-2-3-512").matches("domain admins")).isTrue();
		assertThat(Sid.parse("S-1-5-21-1-2-3-512").matches("s-1-5-21-1-2-3-512")).isTrue();
		assertThat(Sid.parse("S-1-5-21-1-2-3-512").matches("Domain Users")).isFalse();
	}

	@Test
	void malformedSidsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Sid.parse("S-2-5"));
		assertThatIllegalArgumentException().isThrownBy(() -> Sid.parse("S-1-5-x"));
		assertThatIllegalArgumentException().isThrownBy(() -> Sid.parse("S-1-5-4294967296"));
		assertThatIllegalArgumentException().isThrownBy(() -> Sid.parse("S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16"));
		assertThatIllegalArgumentException().isThrownBy(() -> Sid.fromBytes(new byte[] { 1, 2, 0, 0, 0, 0, 0, 5 }, 0, 8));
		assertThatIllegalArgumentException().isThrownBy(() -> Sid.fromBytes(new byte[] { 2, 0, 0, 0, 0, 0, 0, 5 }, 0, 8));
	}

}
