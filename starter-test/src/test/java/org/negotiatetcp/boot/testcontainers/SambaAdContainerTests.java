package org.negotiatetcp.boot.testcontainers;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

import org.negotiatetcp.boot.autoconfigure.NegotiateKerberosConnectionDetails;
import org.negotiatetcp.boot.test.kerberos.KerberosRealm;
import org.negotiatetcp.boot.testsupport.EchoConfiguration;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.security.Sid;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Active Directory KDC (Samba 4.17 in a privileged container; skipped without a Docker API): alice gets a
 * service ticket for {@code host/localhost} (an SPN on the service account {@code svc-orders}) from the DC, and the
 * auto-configured server reads her user SID and group SIDs from the ticket's PAC into
 * {@link SecurityInfo#authorizationContext()}.
 */
@Tag("interop")
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = { "negotiate.tcp.server.port=0", "negotiate.tcp.server.address=127.0.0.1",
		"negotiate.tcp.server.credential=host-localhost", "negotiate.tcp.client.credential=alice" })
class SambaAdContainerTests {

	// the domain the module's AD tests share (provisioned once): users alice (in Orders) and bob, svc-orders with the
	// SPN host/localhost, and the delegation accounts of ActiveDirectoryDelegationTests
	@ServiceConnection
	static SambaAdContainer dc = SambaAdDomain.dc();

	@Autowired
	NegotiateChannelFactory factory;

	@Autowired
	NegotiateKerberosConnectionDetails connectionDetails;

	@Autowired
	List<SecurityInfo> clients;

	@Value("${local.negotiate.tcp.server.port}")
	int port;

	@Test
	void containerWritesKeytabsAndAHostKrb5Conf() throws Exception {
		assertThat(Files.size(dc.getKeytab("alice"))).isPositive();
		assertThat(Files.size(dc.getKeytab("svc-orders"))).isPositive();
		assertThat(Files.readString(dc.getKrb5Conf())).contains("kdc = 127.0.0.1:" + dc.getKdcPort());
		assertThat(this.connectionDetails.realm()).isEqualTo("EXAMPLE.TEST");
		assertThat(this.connectionDetails.credentials()).containsKeys("alice", "bob", "host-localhost")
			.containsKey(KerberosRealm.credentialName(SambaAdDomain.FRONT_SPN));
	}

	@Test
	void serverExposesTheClientsSidAndGroupSidsFromThePac() {
		assertThat(EchoConfiguration.roundTrip(this.factory, this.port, "over AD")).isEqualTo("over AD");
		assertThat(this.clients).isNotEmpty();
		SecurityInfo info = this.clients.get(this.clients.size() - 1);
		assertThat(info.peerName()).isEqualTo("alice@EXAMPLE.TEST");
		AuthorizationContext context = info.authorizationContext();
		assertThat(context.source()).isEqualTo(AuthorizationContext.Source.PAC);
		assertThat(context.userSid()).hasToString(dc.getObjectSid("alice"));
		assertThat(context.logonName()).isEqualTo("alice");
		assertThat(context.logonDomain()).isEqualTo("EXAMPLE");
		assertThat(context.userPrincipalName()).startsWithIgnoringCase("alice@");
		assertThat(context.groupSids()).contains(Sid.parse(dc.getObjectSid("Orders")));
		assertThat(context.hasSid("Domain Users")).isTrue();
		assertThat(context.hasSid("Authenticated Users")).isTrue();
		assertThat(context.hasSid(dc.getObjectSid("Orders"))).isTrue();
		assertThat(context.hasSid("Domain Admins")).isFalse();
		assertThat(context.hasSid(dc.getObjectSid("bob"))).isFalse();
		// the PAC's server signature verified with svc-orders' AES key from the keytab
		assertThat(context.signatureVerified()).isTrue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AdApplication {

		@Bean
		List<SecurityInfo> clients() {
			return new CopyOnWriteArrayList<>();
		}

		@Bean
		NegotiateChannelHandler echo(List<SecurityInfo> clients) {
			return (channel) -> {
				clients.add(channel.securityInfo());
				return channel.send(channel.receive().map(ByteBuf::retain));
			};
		}

	}

}
