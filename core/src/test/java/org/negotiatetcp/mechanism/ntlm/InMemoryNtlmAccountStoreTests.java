package org.negotiatetcp.mechanism.ntlm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.negotiatetcp.mechanism.ntlm.NtlmTestSupport.hex;

/**
 * {@link InMemoryNtlmAccountStore} lookups and factories, and {@link NtlmCredential} adaptation.
 */
class InMemoryNtlmAccountStoreTests {

	static final byte[] PASSWORD_HASH = hex("a4f49c406510bdcab6824ee7c30fd852");

	@Test
	void matchesUserAndDomainCaseInsensitively() {
		InMemoryNtlmAccountStore store = new InMemoryNtlmAccountStore().add("Domain", "User", "Password".toCharArray());
		assertThat(store.ntHash("DOMAIN", "user")).isEqualTo(PASSWORD_HASH);
		assertThat(store.ntHash("domain", "USER")).isEqualTo(PASSWORD_HASH);
		assertThat(store.ntHash("OTHER", "user")).isNull();
		assertThat(store.ntHash("", "user")).isNull();
		assertThat(store.ntHash("DOMAIN", "")).isNull();
	}

	@Test
	void specificDomainWinsOverAnyDomain() {
		InMemoryNtlmAccountStore store = new InMemoryNtlmAccountStore().addAnyDomain("alice", "any".toCharArray())
			.add("EXAMPLE", "alice", "Password".toCharArray());
		assertThat(store.ntHash("EXAMPLE", "ALICE")).isEqualTo(PASSWORD_HASH);
		assertThat(store.ntHash("ELSEWHERE", "alice")).isEqualTo(NtlmCrypto.ntowfv1("any".toCharArray()));
		assertThat(store.ntHash("", "alice")).isEqualTo(NtlmCrypto.ntowfv1("any".toCharArray()));
		assertThat(store.remove(InMemoryNtlmAccountStore.ANY_DOMAIN, "alice")).isTrue();
		assertThat(store.ntHash("ELSEWHERE", "alice")).isNull();
	}

	@Test
	void returnedHashesAreCopies() {
		InMemoryNtlmAccountStore store = new InMemoryNtlmAccountStore().add("D", "u", "Password".toCharArray());
		store.ntHash("D", "u")[0] = 0;
		assertThat(store.ntHash("D", "u")).isEqualTo(PASSWORD_HASH);
	}

	@Test
	void fromMapReadsDomainUserPasswordLinesHashesAndAnyDomainEntries() {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("EXAMPLE\\alice", "Password");
		entries.put("bob", "Password");
		entries.put("*\\carol", "Password");
		entries.put("EXAMPLE\\dave", "{NT}A4F49C406510BDCAB6824EE7C30FD852");
		InMemoryNtlmAccountStore store = InMemoryNtlmAccountStore.fromMap(entries);
		assertThat(store.ntHash("example", "ALICE")).isEqualTo(PASSWORD_HASH);
		assertThat(store.ntHash("OTHER", "alice")).isNull();
		assertThat(store.ntHash("ANY", "bob")).isEqualTo(PASSWORD_HASH);
		assertThat(store.ntHash("ANY", "carol")).isEqualTo(PASSWORD_HASH);
		assertThat(store.ntHash("EXAMPLE", "dave")).isEqualTo(PASSWORD_HASH);
	}

	@Test
	void fromPropertiesReadsEscapedBackslashes() throws Exception {
		Properties properties = new Properties();
		properties.load(new java.io.StringReader("EXAMPLE\\\\alice=Password\n"));
		assertThat(InMemoryNtlmAccountStore.fromProperties(properties).ntHash("EXAMPLE", "alice"))
			.isEqualTo(PASSWORD_HASH);
	}

	@Test
	void malformedHashIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InMemoryNtlmAccountStore.fromMap(Map.of("D\\u", "{NT}abcd")))
			.withMessageContaining("32 hexadecimal digits");
	}

	@Test
	void credentialFromPasswordPrincipalSplitsDomainAndUser() {
		NtlmCredential domainUser = NtlmCredential
			.from(new ClientCredential.Password("EXAMPLE\\alice", "Password".toCharArray()));
		assertThat(domainUser.domain()).isEqualTo("EXAMPLE");
		assertThat(domainUser.user()).isEqualTo("alice");
		assertThat(domainUser.ntHash()).isEqualTo(PASSWORD_HASH);
		assertThat(domainUser.toString()).doesNotContain("Password").contains("EXAMPLE\\alice");
		NtlmCredential upn = NtlmCredential
			.from(new ClientCredential.Password("alice@example.com", "Password".toCharArray()));
		assertThat(upn.domain()).isEmpty();
		assertThat(upn.user()).isEqualTo("alice@example.com");
		assertThat(NtlmCredential.from(new ClientCredential.Anonymous()).isAnonymous()).isTrue();
	}

	@Test
	void credentialFromKeytabIsRefused() {
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> NtlmCredential
				.from(new ClientCredential.Keytab("alice@EXAMPLE.COM", java.nio.file.Path.of("x.keytab"))))
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.BAD_CREDENTIALS);
	}

	@Test
	void serverNamesDeriveFromAHostName() {
		assertThat(NtlmServerNames.forHost("srv1.corp.example.com"))
			.isEqualTo(new NtlmServerNames("SRV1", "CORP", "srv1.corp.example.com", "corp.example.com"));
		assertThat(NtlmServerNames.forHost("standalone"))
			.isEqualTo(new NtlmServerNames("STANDALONE", "STANDALONE", "standalone", null));
		assertThat(NtlmServerNames.forHost("averyveryverylongname.example.com").netbiosComputerName())
			.isEqualTo("AVERYVERYVERYLO");
	}

	@Test
	void accountReportsTheStoredSpellingWhateverTheLookupSpelling() {
		InMemoryNtlmAccountStore store = InMemoryNtlmAccountStore
			.fromMap(Map.of("EXAMPLE\\alice", "a", "bob", "b"));
		assertThat(store.account("example", "ALICE").name()).isEqualTo("EXAMPLE\\alice");
		assertThat(store.account("NT AUTHORITY", "BOB").name()).isEqualTo("bob");
		assertThat(store.account("CORP", "alice")).isNull();
	}

	@Test
	void namesWithControlCharactersAreRefusedInConfiguration() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InMemoryNtlmAccountStore.fromMap(Map.of("EXAMPLE\\al\nice", "a")))
			.withMessageContaining("control character U+000A");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InMemoryNtlmAccountStore().add("EX\rAMPLE", "alice", "a".toCharArray()))
			.withMessageContaining("U+000D");
	}

}
