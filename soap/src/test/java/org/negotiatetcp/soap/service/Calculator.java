package org.negotiatetcp.soap.service;

import reactor.core.publisher.Mono;

import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.contract.MessageParameter;
import org.negotiatetcp.soap.contract.OperationContract;
import org.negotiatetcp.soap.contract.ServiceContract;

/**
 * The test contract, as the C# contract in the module README maps to Java:
 * <pre>
 * [ServiceContract(Namespace = "http://example.org/calculator")]
 * public interface ICalculator {
 *     [OperationContract] int Add(int a, int b);
 *     [OperationContract] string Echo(string text);
 *     [OperationContract] Order Price(Order order, decimal rate);
 *     [OperationContract, FaultContract(typeof(StockFault))] void Refuse(string reason);
 *     [OperationContract, FaultContract(typeof(StockFault))] Task&lt;string&gt; RefuseLater(string reason);
 *     [OperationContract] void Crash();                         // throws an unhandled exception
 *     [OperationContract(IsOneWay = true)] void Note(string note);
 *     [OperationContract] string[]? Notes();                    // here: the notes joined by commas
 *     [OperationContract] string Rendezvous(string name);       // waits until several calls are in flight
 *     [OperationContract] Task&lt;string&gt; Later(string text);
 * }
 * </pre>
 */
@ServiceContract(namespace = "http://example.org/calculator", name = "ICalculator")
public interface Calculator {

	@OperationContract(name = "Add")
	int add(int a, int b);

	@OperationContract(name = "Echo")
	String echo(String text);

	@OperationContract(name = "Price")
	Order price(Order order, @MessageParameter(name = "rate") java.math.BigDecimal factor);

	@OperationContract(name = "Refuse")
	void refuse(String reason) throws SoapFaultException;

	@OperationContract(name = "RefuseLater")
	Mono<String> refuseLater(String reason);

	@OperationContract(name = "Crash")
	void crash();

	@OperationContract(name = "Note", oneWay = true)
	void note(String note);

	@OperationContract(name = "Notes")
	String notes();

	@OperationContract(name = "Rendezvous")
	String rendezvous(String name);

	@OperationContract(name = "Later")
	Mono<String> later(String text);

}
