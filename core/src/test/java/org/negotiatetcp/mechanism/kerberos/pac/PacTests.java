package org.negotiatetcp.mechanism.kerberos.pac;

import java.io.ByteArrayOutputStream;
import java.util.List;

import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;

import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.kerberos.crypto.EncryptionType;
import org.negotiatetcp.mechanism.kerberos.crypto.KeyUsageChecksum;
import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.Sid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Parses PACs written per [MS-PAC] by {@link PacBuilder}, and refuses malformed ones with typed errors.
 */
class PacTests {

	private static final String DOMAIN = "S-1-5-21-1004336348-1177238915-682003330";

	@Test
	void logonInfoGivesUserSidPrimaryGroupGroupsExtraSidsAndNames() {
		PacBuilder builder = new PacBuilder();
		builder.resourceDomain = Sid.parse("S-1-5-21-1-2-3");
		builder.resourceGroups.add(2001L);
		Pac pac = Pac.parse(builder.build());
		KerbValidationInfo logon = pac.logonInfo();
		assertThat(logon.effectiveName()).isEqualTo("alice");
		assertThat(logon.fullName()).isEqualTo("Alice Example");
		assertThat(logon.logonDomainName()).isEqualTo("EXAMPLE");
		assertThat(logon.logonServer()).isEqualTo("DC1");
		assertThat(logon.logonDomainId()).hasToString(DOMAIN);
		assertThat(pac.userSid()).hasToString(DOMAIN + "-1104");
		assertThat(logon.primaryGroupSid()).hasToString(DOMAIN + "-513");
		assertThat(logon.groupSids()).extracting(Sid::toString)
			.containsExactly(DOMAIN + "-513", DOMAIN + "-1105", "S-1-18-1", "S-1-5-21-1-2-3-2001");
		assertThat(logon.userFlags()).isEqualTo(0x220);
		assertThat(pac.clientInfo().name()).isEqualTo("alice");
		assertThat(pac.upnDnsInfo()).isNotNull();
		assertThat(pac.upnDnsInfo().userPrincipalName()).isEqualTo("alice@example.test");
		assertThat(pac.upnDnsInfo().dnsDomainName()).isEqualTo("EXAMPLE.TEST");
		assertThat(pac.upnDnsInfo().samName()).isEqualTo("alice");
		assertThat(pac.upnDnsInfo().sid()).isEqualTo(pac.userSid());
		assertThat(pac.serverSignature().type()).isEqualTo(PacSignature.HMAC_SHA1_96_AES256);
		assertThat(pac.serverSignature().signature()).hasSize(12).containsOnly(0x5A);
		assertThat(pac.kdcSignature().signature()).hasSize(12).containsOnly(0xA5);
	}

	@Test
	void pacWithoutExtraSidsUpnOrGroupsParses() {
		PacBuilder builder = new PacBuilder();
		builder.extraSids.clear();
		builder.groups.clear();
		builder.upn = null;
		builder.signatureType = PacSignature.HMAC_MD5;
		Pac pac = Pac.parse(builder.build());
		assertThat(pac.logonInfo().groupSids()).isEmpty();
		assertThat(pac.upnDnsInfo()).isNull();
		assertThat(pac.serverSignature().signature()).hasSize(16);
	}

	@Test
	void mitStylePacWithoutLogonInfoGivesAnEmptyContextButIsStillChecked() {
		// what an MIT krb5 1.20+ KDC issues: client information, ticket signature, server and KDC signatures
		PacBuilder builder = new PacBuilder();
		java.util.Map<Integer, byte[]> buffers = new java.util.LinkedHashMap<>();
		buffers.put(Pac.CLIENT_INFO, builder.clientInfo());
		buffers.put(Pac.TICKET_CHECKSUM, builder.signature((byte) 3));
		buffers.put(Pac.SERVER_CHECKSUM, builder.signature((byte) 1));
		buffers.put(Pac.PRIVSVR_CHECKSUM, builder.signature((byte) 2));
		Pac pac = Pac.parse(PacBuilder.pac(buffers));
		assertThat(pac.logonInfo()).isNull();
		assertThat(pac.userSid()).isNull();
		assertThat(PacAuthorization.of(pac, "alice@EXAMPLE.COM", null)).isEqualTo(AuthorizationContext.none());
		assertThatExceptionOfType(PacVerificationException.class)
			.isThrownBy(() -> PacAuthorization.of(pac, "mallory@EXAMPLE.COM", null));
	}

	@Test
	void unknownBuffersAreSkipped() {
		PacBuilder builder = new PacBuilder();
		builder.extraBuffers.put(Pac.ATTRIBUTES_INFO, new byte[] { 2, 0, 0, 0, 1, 0, 0, 0 });
		builder.extraBuffers.put(99, new byte[3]);
		Pac pac = Pac.parse(builder.build());
		assertThat(pac.buffers()).extracting(Pac.PacInfoBuffer::type).contains(Pac.ATTRIBUTES_INFO, 99);
	}

	@Test
	void serverChecksumInputZeroesBothSignaturesAndNothingElse() {
		byte[] bytes = new PacBuilder().build();
		Pac pac = Pac.parse(bytes);
		byte[] input = pac.serverChecksumInput();
		int differing = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] != input[i]) {
				assertThat(input[i]).isZero();
				differing++;
			}
		}
		assertThat(differing).isEqualTo(24);
		assertThat(pac.bytes()).isEqualTo(bytes);
	}

	@Test
	void authorizationContextNamesWellKnownGroups() {
		AuthorizationContext context = PacAuthorization.of(Pac.parse(new PacBuilder().build()), "alice@EXAMPLE.TEST",
				null);
		assertThat(context.source()).isEqualTo(AuthorizationContext.Source.PAC);
		assertThat(context.userSid()).hasToString(DOMAIN + "-1104");
		assertThat(context.groupSids()).extracting(Sid::toString)
			.containsExactly(DOMAIN + "-513", DOMAIN + "-1105", "S-1-18-1", "S-1-1-0", "S-1-5-11");
		assertThat(context.hasSid("Everyone")).isTrue();
		assertThat(context.hasSid("Authenticated Users")).isTrue();
		assertThat(context.hasSid("Domain Users")).isTrue();
		assertThat(context.hasSid("domain admins")).isFalse();
		assertThat(context.hasSid(DOMAIN + "-1105")).isTrue();
		assertThat(context.hasSid("Authentication Authority Asserted Identity")).isTrue();
		assertThat(context.logonName()).isEqualTo("alice");
		assertThat(context.logonDomain()).isEqualTo("EXAMPLE");
		assertThat(context.userPrincipalName()).isEqualTo("alice@example.test");
		assertThat(context.signatureVerified()).isFalse();
	}

	@Test
	void pacOfAnotherClientIsRefused() {
		Pac pac = Pac.parse(new PacBuilder().build());
		assertThatExceptionOfType(PacVerificationException.class)
			.isThrownBy(() -> PacAuthorization.of(pac, "mallory@EXAMPLE.TEST", null))
			.withMessageContaining("'alice'")
			.withMessageContaining("'mallory'")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_CREDENTIALS));
	}

	@Test
	void verifierDecidesWhetherTheContextIsVerified() {
		Pac pac = Pac.parse(new PacBuilder().build());
		byte[][] seen = new byte[1][];
		PacSignatureVerifier accepting = (candidate) -> {
			seen[0] = candidate.serverChecksumInput();
			return true;
		};
		assertThat(PacAuthorization.of(pac, "alice", accepting).signatureVerified()).isTrue();
		assertThat(seen[0]).isEqualTo(pac.serverChecksumInput());
		assertThat(PacAuthorization.of(pac, "alice", (candidate) -> false).signatureVerified()).isFalse();
		assertThatExceptionOfType(PacVerificationException.class).isThrownBy(() -> PacAuthorization.of(pac, "alice",
				(candidate) -> {
					throw new PacVerificationException("server signature does not verify");
				}));
	}

	@Test
	void serverSignatureVerifiesWithTheServiceKey() {
		byte[] key = new byte[32];
		new java.util.Random(7).nextBytes(key);
		byte[] signed = signWith(new PacBuilder().build(), EncryptionType.AES256_CTS_HMAC_SHA1_96, key);
		Pac pac = Pac.parse(signed);
		ServiceKeyPacVerifier verifier = new ServiceKeyPacVerifier(List.of(serviceKey(key, 18), serviceKey(new byte[16], 17)));
		assertThat(verifier.verifyServerSignature(pac)).isTrue();
		assertThat(PacAuthorization.of(pac, "alice@EXAMPLE.TEST", verifier).signatureVerified()).isTrue();
		// UserId changed (header 16 + referent 4 + six FILETIMEs 48 + six strings 48 + two counts 4 = 120): the PAC
		// now names another user, the signature no longer matches, the client is refused
		byte[] tampered = signed.clone();
		int logon = pac.buffers().get(0).offset();
		tampered[logon + 120] ^= 1;
		assertThat(Pac.parse(tampered).userSid()).isNotEqualTo(pac.userSid());
		assertThatExceptionOfType(PacVerificationException.class)
			.isThrownBy(() -> verifier.verifyServerSignature(Pac.parse(tampered)))
			.withMessageContaining("server signature");
		// another key of the same type: refused
		byte[] other = key.clone();
		other[0] ^= 1;
		assertThatExceptionOfType(PacVerificationException.class)
			.isThrownBy(() -> new ServiceKeyPacVerifier(List.of(serviceKey(other, 18))).verifyServerSignature(pac));
		// no key of the signature's type: not verified, not refused
		assertThat(new ServiceKeyPacVerifier(List.of(serviceKey(new byte[16], 17))).verifyServerSignature(pac)).isFalse();
	}

	@Test
	void aes128SignatureVerifiesAndRc4IsReportedUnverified() {
		byte[] key = new byte[16];
		new java.util.Random(8).nextBytes(key);
		PacBuilder builder = new PacBuilder();
		builder.signatureType = PacSignature.HMAC_SHA1_96_AES128;
		Pac pac = Pac.parse(signWith(builder.build(), EncryptionType.AES128_CTS_HMAC_SHA1_96, key));
		assertThat(new ServiceKeyPacVerifier(List.of(serviceKey(key, 17))).verifyServerSignature(pac)).isTrue();
		PacBuilder rc4 = new PacBuilder();
		rc4.signatureType = PacSignature.HMAC_MD5;
		assertThat(new ServiceKeyPacVerifier(List.of(serviceKey(new byte[16], 23))).verifyServerSignature(Pac.parse(rc4.build())))
			.isFalse();
	}

	private static byte[] signWith(byte[] bytes, EncryptionType type, byte[] key) {
		Pac pac = Pac.parse(bytes);
		byte[] input = pac.serverChecksumInput();
		byte[] signed = bytes.clone();
		KeyUsageChecksum.create(type, key, PacSignatureVerifier.KEY_USAGE)
			.compute(input, 0, input.length, new byte[0], 0, 0, signed, pac.serverSignature().signatureOffset());
		return signed;
	}

	private static KerberosKey serviceKey(byte[] key, int type) {
		return new KerberosKey(new KerberosPrincipal("host/localhost@EXAMPLE.TEST"), key, type, 2);
	}

	@Test
	void authorizationDataFindsThePacInsideAdIfRelevant() {
		byte[] pac = new PacBuilder().build();
		byte[] inner = authorizationData(AuthorizationData.AD_WIN2K_PAC, pac);
		List<AuthorizationData.Element> elements = List.of(new AuthorizationData.Element(AuthorizationData.AD_IF_RELEVANT, inner));
		assertThat(AuthorizationData.findPac(elements)).isEqualTo(pac);
		assertThat(AuthorizationData.findPac(List.of())).isNull();
		assertThat(PacAuthorization.of(List.of(), "alice", null)).isEqualTo(AuthorizationContext.none());
		assertThat(PacAuthorization.of(elements, "alice@EXAMPLE.TEST", null).userSid()).hasToString(DOMAIN + "-1104");
	}

	@Test
	void malformedAuthorizationDataIsRefused() {
		byte[] inner = authorizationData(AuthorizationData.AD_WIN2K_PAC, new byte[300]);
		for (int cut = 0; cut < inner.length; cut += 7) {
			byte[] truncated = java.util.Arrays.copyOf(inner, cut);
			assertThat(catchThrowable(() -> AuthorizationData.findPac(
					List.of(new AuthorizationData.Element(AuthorizationData.AD_IF_RELEVANT, truncated)))))
				.isInstanceOf(PacFormatException.class);
		}
	}

	@Test
	void everyTruncationIsATypedError() {
		byte[] bytes = new PacBuilder().build();
		for (int cut = 0; cut < bytes.length; cut++) {
			byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
			Throwable thrown = catchThrowable(() -> Pac.parse(truncated));
			assertThat(thrown).as("cut at %d", cut).isInstanceOf(PacFormatException.class);
			assertThat(((PacFormatException) thrown).reason()).isEqualTo(FailureReason.BAD_TOKEN);
		}
	}

	@Test
	void corruptedBytesNeverEscapeAsUntypedErrors() {
		byte[] bytes = new PacBuilder().build();
		java.util.Random random = new java.util.Random(42);
		for (int round = 0; round < 3000; round++) {
			byte[] corrupted = bytes.clone();
			for (int i = 0; i < 3; i++) {
				corrupted[random.nextInt(corrupted.length)] = (byte) random.nextInt(256);
			}
			Throwable thrown = catchThrowable(() -> Pac.parse(corrupted));
			if (thrown != null) {
				assertThat(thrown).isInstanceOf(PacFormatException.class);
			}
		}
	}

	@Test
	void hugeCountsAndOutOfRangeOffsetsAreRefused() {
		byte[] bytes = new PacBuilder().build();
		byte[] count = bytes.clone();
		count[0] = (byte) 0xFF;
		count[1] = (byte) 0xFF;
		assertThatExceptionOfType(PacFormatException.class).isThrownBy(() -> Pac.parse(count))
			.withMessageContaining("cBuffers");
		byte[] offset = bytes.clone();
		offset[8 + 8 + 5] = 1;
		assertThatExceptionOfType(PacFormatException.class).isThrownBy(() -> Pac.parse(offset))
			.withMessageContaining("outside");
		byte[] version = bytes.clone();
		version[4] = 1;
		assertThatExceptionOfType(PacFormatException.class).isThrownBy(() -> Pac.parse(version))
			.withMessageContaining("Version");
	}

	@Test
	void groupCountLargerThanTheBufferIsRefused() {
		PacBuilder builder = new PacBuilder();
		byte[] logon = builder.logonInfo();
		// GroupCount: header 16 + referent 4 + 6 FILETIMEs 48 + 6 strings 48 + 2 shorts 4 + UserId 4 + PrimaryGroupId 4
		int groupCount = 16 + 4 + 48 + 48 + 4 + 4 + 4;
		assertThat(logon[groupCount]).isEqualTo((byte) 2);
		logon[groupCount] = (byte) 0xFF;
		logon[groupCount + 3] = (byte) 0x7F;
		java.util.Map<Integer, byte[]> buffers = new java.util.LinkedHashMap<>();
		buffers.put(Pac.LOGON_INFO, logon);
		buffers.put(Pac.CLIENT_INFO, builder.clientInfo());
		buffers.put(Pac.SERVER_CHECKSUM, builder.signature((byte) 1));
		buffers.put(Pac.PRIVSVR_CHECKSUM, builder.signature((byte) 2));
		assertThatExceptionOfType(PacFormatException.class).isThrownBy(() -> Pac.parse(PacBuilder.pac(buffers)))
			.withMessageContaining("GroupIds");
	}

	@Test
	void missingOrDuplicateBuffersAreRefused() {
		PacBuilder builder = new PacBuilder();
		java.util.Map<Integer, byte[]> noSignature = new java.util.LinkedHashMap<>();
		noSignature.put(Pac.LOGON_INFO, builder.logonInfo());
		noSignature.put(Pac.CLIENT_INFO, builder.clientInfo());
		noSignature.put(Pac.PRIVSVR_CHECKSUM, builder.signature((byte) 2));
		assertThatExceptionOfType(PacFormatException.class).isThrownBy(() -> Pac.parse(PacBuilder.pac(noSignature)))
			.withMessageContaining("server signature (6)");
		byte[] bytes = builder.build();
		// make the second directory entry (client info) claim type 1 as well
		bytes[8 + 16] = 1;
		assertThatExceptionOfType(PacFormatException.class).isThrownBy(() -> Pac.parse(bytes))
			.withMessageContaining("more than once");
	}

	private static byte[] authorizationData(int type, byte[] data) {
		ByteArrayOutputStream element = new ByteArrayOutputStream();
		element.writeBytes(tlv(0xA0, tlv(0x02, (type > 127) ? new byte[] { 0, (byte) type } : new byte[] { (byte) type })));
		element.writeBytes(tlv(0xA1, tlv(0x04, data)));
		return tlv(0x30, tlv(0x30, element.toByteArray()));
	}

	private static byte[] tlv(int tag, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		if (content.length < 128) {
			out.write(content.length);
		}
		else {
			out.write(0x82);
			out.write(content.length >>> 8);
			out.write(content.length);
		}
		out.writeBytes(content);
		return out.toByteArray();
	}

}
