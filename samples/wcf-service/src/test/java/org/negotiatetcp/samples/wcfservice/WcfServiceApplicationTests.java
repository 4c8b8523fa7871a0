package org.negotiatetcp.samples.wcfservice;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import org.negotiatetcp.boot.test.kerberos.DevelopmentKdcConfiguration;
import org.negotiatetcp.boot.test.kerberos.KerberosRealm;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.soap.Soap12;
import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.client.ContractClient;
import org.negotiatetcp.soap.client.SoapClients;
import org.negotiatetcp.soap.session.StandardFaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The service started as {@link TestWcfServiceApplication} does (the development KDC, realm {@code EXAMPLE.COM}),
 * called over real sockets with Kerberos by contract proxies as alice (a manager) and bob (a clerk): the client's
 * identity and roles reach the operations, the data contract goes both ways, {@code Cancel} refuses bob with WCF's
 * access denied fault (FailedAuthentication, "Access is denied.") and an unknown order with the declared fault, one-way notes arrive.
 */
class WcfServiceApplicationTests {

	private static ConfigurableApplicationContext context;

	private static Orders alice;

	private static Orders bob;

	@BeforeAll
	static void start() {
		context = SpringApplication.from(WcfServiceApplication::main)
			.with(DevelopmentKdcConfiguration.class)
			.run(TestWcfServiceApplication.withUsers("--negotiate.tcp.server.port=0"))
			.getApplicationContext();
		KerberosRealm realm = context.getBean(KerberosRealm.class);
		int port = context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
		String address = "net.tcp://localhost:" + port + "/orders";
		alice = SoapClients.create(Orders.class, new NegotiateChannelFactory(ClientSettings
			.of(new ClientCredential.Keytab(realm.principal("alice"), realm.keytab("alice")))), address);
		bob = SoapClients.create(Orders.class, new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab(realm.principal("bob"), realm.keytab("bob")))),
				address);
	}

	@AfterAll
	static void stop() {
		for (Orders client : List.of(alice, bob)) {
			((ContractClient) client).close();
		}
		context.close();
	}

	@Test
	void operationsRunAsTheCallingClient() {
		assertThat(alice.whoAmI()).isEqualTo("alice@EXAMPLE.COM [ROLE_CLERK, ROLE_MANAGER]");
		assertThat(bob.whoAmI()).isEqualTo("bob@EXAMPLE.COM [ROLE_CLERK]");
	}

	@Test
	void placedOrderComesBackNumberedWithItsClient() {
		Order placed = bob.place(new Order(0, "paper", null, 500));
		assertThat(placed.getId()).isPositive();
		assertThat(placed.getItem()).isEqualTo("paper");
		assertThat(placed.getQuantity()).isEqualTo(500);
		assertThat(placed.getPlacedBy()).isEqualTo("bob@EXAMPLE.COM");
	}

	@Test
	void onlyAManagerCancelsAndTheRefusalIsWcfsAccessDeniedFault() throws SoapFaultException {
		Order placed = bob.place(new Order(0, "ink", null, 2));
		// Cancel declares SoapFaultException, so the proxy throws the fault itself (else ServiceAccessDeniedException)
		SoapFaultException denied = catchThrowableOfType(SoapFaultException.class, () -> bob.cancel(placed.getId()));
		assertThat(denied.getSubcodes()).containsExactly(StandardFaults.FAILED_AUTHENTICATION);
		assertThat(denied.getReason()).isEqualTo("Access is denied.");
		// the refusal is per operation: bob's session goes on
		assertThat(bob.whoAmI()).startsWith("bob@");
		assertThat(alice.cancel(placed.getId()))
			.isEqualTo("cancelled order " + placed.getId() + " by alice@EXAMPLE.COM");
		SoapFaultException unknown = catchThrowableOfType(SoapFaultException.class,
				() -> alice.cancel(placed.getId()));
		assertThat(unknown.getCode()).isEqualTo(Soap12.SENDER);
		assertThat(unknown.getSubcodes()).containsExactly(OrderService.UNKNOWN_ORDER);
		assertThat(unknown.getReason()).isEqualTo("There is no order " + placed.getId());
	}

	@Test
	void oneWayNotesArrive() throws InterruptedException {
		alice.note("first");
		alice.note("second");
		String notes = "";
		for (int i = 0; i < 100 && notes.split(",").length < 2; i++) {
			Thread.sleep((i == 0) ? 0 : 100);
			notes = alice.notes();
		}
		assertThat(notes.split(",")).containsExactlyInAnyOrder("first", "second");
	}

}
