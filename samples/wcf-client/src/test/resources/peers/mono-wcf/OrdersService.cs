// A WCF service on Mono with the contract of the wcf-client sample (NetTcpBinding with SecurityMode.None).
//   mono OrdersService.exe      a ServiceHost on a free port of 127.0.0.1, via /orders; prints "LISTENING <port>"
//                               and serves until killed (at most 10 minutes)
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Serialization;
using System.ServiceModel;
using System.Threading;

namespace Orders
{
	[DataContract(Namespace = "http://schemas.datacontract.org/2004/07/Orders")]
	public class Order
	{
		[DataMember] public int Id;
		[DataMember] public string Item;
		[DataMember] public string PlacedBy;
		[DataMember] public int Quantity;
	}

	[ServiceContract(Namespace = "http://example.org/orders")]
	public interface IOrders
	{
		[OperationContract] string WhoAmI();
		[OperationContract] Order Place(Order order);
		[OperationContract, FaultContract(typeof(string))] string Cancel(int id);
		[OperationContract(IsOneWay = true)] void Note(string text);
		[OperationContract] string Notes();
	}

	[ServiceBehavior(InstanceContextMode = InstanceContextMode.Single, ConcurrencyMode = ConcurrencyMode.Multiple)]
	public class OrderService : IOrders
	{
		int numbers;

		readonly List<string> notes = new List<string>();

		public string WhoAmI() { return "an anonymous client (Mono WCF service, SecurityMode.None)"; }

		public Order Place(Order order)
		{
			return new Order { Id = Interlocked.Increment(ref numbers), Item = order.Item, PlacedBy = "anonymous",
				Quantity = order.Quantity };
		}

		public string Cancel(int id)
		{
			// nobody is known without security: refuse with a declared fault (Mono turns an undeclared
			// FaultException into its internal error fault)
			throw new FaultException<string>("order " + id, new FaultReason("Only managers cancel orders"),
				FaultCode.CreateSenderFaultCode("NotAllowed", "http://example.org/orders"));
		}

		public void Note(string text) { lock (notes) { notes.Add(text); } }

		public string Notes() { lock (notes) { return string.Join(",", notes); } }
	}

	public static class Program
	{
		public static int Main(string[] args)
		{
			ServiceHost host = null;
			int port = 0;
			for (int attempt = 0; host == null; attempt++)
			{
				var listener = new TcpListener(IPAddress.Loopback, 0);
				listener.Start();
				port = ((IPEndPoint) listener.LocalEndpoint).Port;
				listener.Stop();
				var candidate = new ServiceHost(new OrderService());
				candidate.AddServiceEndpoint(typeof(IOrders), new NetTcpBinding(SecurityMode.None),
					new Uri("net.tcp://127.0.0.1:" + port + "/orders"));
				try
				{
					candidate.Open();
					host = candidate;
				}
				catch (Exception) when (attempt < 5)
				{
					candidate.Abort();
				}
			}
			Console.WriteLine("LISTENING " + port);
			Console.Out.Flush();
			Thread.Sleep(TimeSpan.FromMinutes(10));
			host.Abort();
			return 0;
		}
	}
}
