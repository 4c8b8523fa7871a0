package org.negotiatetcp.samples.client;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;

import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.ClientCredential;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the sample's configuration binds (it never connects: the service is yours).
 */
@SpringBootTest(properties = { "client-only.run=false", "negotiate.tcp.kerberos.krb5-conf=" })
class ClientOnlyApplicationTests {

	@Autowired
	private NegotiateEndpoints endpoints;

	@Autowired
	private NegotiateChannelFactory factory;

	@Test
	void endpointAndCurrentLogonAreConfigured() {
		assertThat(this.endpoints.get("orders").address())
			.isEqualTo("net.tcp://wcf.example.com/Orders/OrderService.svc");
		assertThat(this.endpoints.get("orders").identity()).isEqualTo(new EndpointIdentity.Spn("host/wcf.example.com"));
		assertThat(this.factory.settings().credential()).isEqualTo(new ClientCredential.TicketCache(null, null));
	}

}
