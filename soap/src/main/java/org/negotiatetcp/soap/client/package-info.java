/**
 * Clients of service contracts: {@link org.negotiatetcp.soap.client.SoapClients#create} turns a
 * {@link org.negotiatetcp.soap.contract.ServiceContract} interface into a proxy (a JDK dynamic proxy) whose calls are
 * SOAP requests on one {@link org.negotiatetcp.soap.session.SoapSession}, opened on first use; faults become
 * {@link org.negotiatetcp.soap.client.ServiceFaultException}s.
 */
@NullMarked
package org.negotiatetcp.soap.client;

import org.jspecify.annotations.NullMarked;
