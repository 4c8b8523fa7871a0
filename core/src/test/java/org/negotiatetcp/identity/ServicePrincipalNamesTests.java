package org.negotiatetcp.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * SPN composition as {@code DsMakeSpn} does it.
 */
class ServicePrincipalNamesTests {

	@Test
	void hostNameServiceGivesClassSlashHost() {
		// the RPC seed's example: DsMakeSpn("ldap", "ServerName.domain.com", NULL, 0, NULL)
		assertThat(ServicePrincipalNames.make("ldap", "ServerName.domain.com")).isEqualTo("ldap/ServerName.domain.com");
	}

	@Test
	void portIsAddedWhenNotDefault() {
		assertThat(ServicePrincipalNames.make("host", "srv.example.com", null, 8808))
			.isEqualTo("host/srv.example.com:8808");
		assertThat(ServicePrincipalNames.make("host", "srv.example.com", null, 0)).isEqualTo("host/srv.example.com");
	}

	@Test
	void domainServiceWithInstanceGivesThreeParts() {
		assertThat(ServicePrincipalNames.make("ldap", "example.com", "dc1.example.com", 389))
			.isEqualTo("ldap/dc1.example.com:389/example.com");
	}

	@Test
	void invalidPartsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ServicePrincipalNames.make("", "a"));
		assertThatIllegalArgumentException().isThrownBy(() -> ServicePrincipalNames.make("host", "a/b"));
		assertThatIllegalArgumentException().isThrownBy(() -> ServicePrincipalNames.make("host", "a", null, 70000));
	}

}
