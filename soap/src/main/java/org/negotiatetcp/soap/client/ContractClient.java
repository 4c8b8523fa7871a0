package org.negotiatetcp.soap.client;

/**
 * What every proxy of {@link SoapClients} implements besides its contract: ending its session.
 */
public interface ContractClient extends AutoCloseable {

	/**
	 * Ends the proxy's session (the [MC-NMF] End exchange) if one is open; the next call opens a new one.
	 */
	@Override
	void close();

}
