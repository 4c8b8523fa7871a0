package org.negotiatetcp.identity;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The identity rules of {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING}.
 */
class TargetNameResolverTests {

	private static final URI ADDRESS = URI.create("net.tcp://Srv.Example.com:808/orders");

	@Test
	void spnIdentityIsUsedVerbatim() {
		assertThat(TargetNameResolver.resolve(new EndpointIdentity.Spn("HTTP/web.example.com@EXAMPLE.COM"), ADDRESS))
			.isEqualTo(TargetName.spn("HTTP/web.example.com@EXAMPLE.COM"));
	}

	@Test
	void upnIdentityIsUsedVerbatimAsAUserPrincipal() {
		TargetName target = TargetNameResolver.resolve(new EndpointIdentity.Upn("svc-orders@example.com"), ADDRESS);
		assertThat(target.name()).isEqualTo("svc-orders@example.com");
		assertThat(target.type()).isEqualTo(TargetName.Type.USER_PRINCIPAL);
	}

	@Test
	void dnsIdentityBecomesHostSlashName() {
		assertThat(TargetNameResolver.resolve(new EndpointIdentity.Dns("orders.example.com"), ADDRESS))
			.isEqualTo(TargetName.spn("host/orders.example.com"));
	}

	@Test
	void withoutIdentityTheLiteralHostOfTheAddressIsUsed() {
		assertThat(TargetNameResolver.resolve(null, ADDRESS)).isEqualTo(TargetName.spn("host/Srv.Example.com"));
		assertThat(TargetNameResolver.resolve(null, URI.create("tcp://10.1.2.3:9000")))
			.isEqualTo(TargetName.spn("host/10.1.2.3"));
		assertThat(TargetNameResolver.resolve(null, URI.create("net.tcp://localhost/x")))
			.isEqualTo(TargetName.spn("host/localhost"));
	}

	@Test
	void ipv6LiteralHostLosesItsBrackets() {
		assertThat(TargetNameResolver.resolve(null, URI.create("tcp://[::1]:9000")))
			.isEqualTo(TargetName.spn("host/::1"));
	}

	@Test
	void otherIdentityTypesFailWithAClearError() {
		assertThatThrownBy(() -> TargetNameResolver.resolve(EndpointIdentity.parse("certificate:ABCD"), ADDRESS))
			.isInstanceOfSatisfying(NegotiateException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.WRONG_TARGET))
			.hasMessageContaining("'certificate'")
			.hasMessageContaining("spn, upn or dns");
	}

	@Test
	void addressWithoutHostFails() {
		assertThatThrownBy(() -> TargetNameResolver.resolve(null, URI.create("net.tcp:/orders")))
			.isInstanceOf(NegotiateException.class)
			.hasMessageContaining("no host");
	}

	@Test
	void identitiesParseFromTypedText() {
		assertThat(EndpointIdentity.parse("SPN:host/a")).isEqualTo(new EndpointIdentity.Spn("host/a"));
		assertThat(EndpointIdentity.parse("upn: svc@example.com")).isEqualTo(new EndpointIdentity.Upn("svc@example.com"));
		assertThat(EndpointIdentity.parse("dns:a.example.com")).isEqualTo(new EndpointIdentity.Dns("a.example.com"));
		assertThat(EndpointIdentity.parse("rsa:xyz")).isEqualTo(new EndpointIdentity.Unsupported("rsa", "xyz"));
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointIdentity.parse("host/a"))
			.withMessageContaining("has no type");
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointIdentity.parse("spn: "))
			.withMessageContaining("must not be empty");
	}

}
