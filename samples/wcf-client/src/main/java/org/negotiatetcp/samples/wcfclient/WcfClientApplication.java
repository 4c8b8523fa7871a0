package org.negotiatetcp.samples.wcfclient;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.boot.SoapContractClients;

/**
 * A client of a WCF {@code net.tcp} service: the {@link Orders} contract bound to the endpoint {@code orders} of
 * {@code negotiate.tcp.client.endpoints} (address, the service's identity, the client's credential and security in
 * application.yml). It calls every operation once, prints what came back, and exits.
 */
@SpringBootApplication
public class WcfClientApplication {

	/**
	 * Run the calls and exit with the application's exit code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(WcfClientApplication.class, args)));
	}

	/**
	 * The service, as a contract proxy: like WCF's {@code ChannelFactory<IOrders>.CreateChannel()}, its first call
	 * opens the session (Kerberos/NTLM, encrypted) and later calls share it; closed with the application.
	 * @param clients the proxies' factory
	 * @return the proxy
	 */
	@Bean
	Orders orders(SoapContractClients clients) {
		return clients.create(Orders.class, "orders");
	}

	/**
	 * The calls.
	 * @param orders the service
	 * @return the runner
	 */
	@Bean
	ApplicationRunner calls(Orders orders) {
		return (args) -> {
			System.out.println("[client] WhoAmI: " + orders.whoAmI());
			Order placed = orders.place(new Order(0, "paper", null, 500));
			System.out.println("[client] Place: " + placed);
			try {
				System.out.println("[client] Cancel: " + orders.cancel(placed.getId()));
			}
			catch (SoapFaultException ex) {
				// a declared fault (UnknownOrder), or the access denied fault (FailedAuthentication) for non-managers
				System.out.println("[client] Cancel: fault " + ex.getSubcodes() + ", " + ex.getReason());
			}
			orders.note("sent one way");
			// a one-way call returns once sent and the service may still be handling it: ask until it arrived
			String notes = orders.notes();
			for (int i = 0; i < 50 && notes.isEmpty(); i++) {
				Thread.sleep(100);
				notes = orders.notes();
			}
			System.out.println("[client] Notes: " + notes);
		};
	}

}
