using MassTransit;
using Returns.Contracts;

namespace Returns.ServiceDefaults;

/// <summary>Every RabbitMQ setting in one place: durable quorum queues with a delivery limit, publisher confirms.</summary>
public static class RabbitMqTransport
{
    /// <summary>Quorum queues on RabbitMQ 3.10 have no default delivery limit: without one a poison message loops forever.</summary>
    public const int DeliveryLimit = 10;

    public static void Configure(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator cfg, RabbitMqOptions options)
    {
        var nodes = options.Nodes();
        cfg.Host(nodes[0].Host, nodes[0].Port, options.VirtualHost, host =>
        {
            host.Username(options.Username ?? "");
            host.Password(options.Password ?? "");
            host.PublisherConfirmation = true;
            host.Heartbeat(options.Heartbeat);
            // With several nodes the client connects to one that answers and, when it loses that one (stopped,
            // paused as a minority, cut off), reconnects to another; quorum queues are reachable from every node.
            if (nodes.Count > 1)
                host.UseCluster(cluster =>
                {
                    foreach (var node in nodes)
                        cluster.Node(node.ToString());
                });
        });
        // RabbitMQ drops a message published before any queue is bound. Publishers therefore declare the durable
        // queue of the next stage, so work published while its consumers are down (or not yet started) waits.
        DeclareConsumerQueue<ImageReceived>(cfg, QueueNames.Classifier);
        DeclareConsumerQueue<ImageClassified>(cfg, QueueNames.ImageClassified);
        DeclareConsumerQueue<ImageShadowClassified>(cfg, QueueNames.ImageShadowClassified);
        DeclareConsumerQueue<ImageRejected>(cfg, QueueNames.ImageRejected);
        DeclareConsumerQueue<ImageReviewed>(cfg, QueueNames.ImageReviewed);
        DeclareConsumerQueue<ImageReviewWithdrawn>(cfg, QueueNames.ImageReviewed); // one queue: a review and its undo stay in order
        DeclareConsumerQueue<PhotoAttached>(cfg, QueueNames.PhotoAttached);
        cfg.ConfigureEndpoints(context);
    }

    private static void DeclareConsumerQueue<T>(IRabbitMqBusFactoryConfigurator cfg, string queue)
        where T : class
    {
        var exchange = cfg.MessageTopology.GetMessageTopology<T>().EntityName;
        cfg.Publish<T>(topology => topology.BindQueue(exchange, queue, binding =>
        {
            binding.SetQueueArgument("x-queue-type", "quorum");
            binding.SetQueueArgument("x-delivery-limit", DeliveryLimit);
        }));
    }

    /// <summary>Applied to every receive endpoint the modules register; a worker's own queue is not durable, so it is
    /// no quorum queue either.</summary>
    public static void ConfigureQueue(string name, IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is not IRabbitMqReceiveEndpointConfigurator queue)
            return;
        if (name.StartsWith(QueueNames.ModelRegistryChangedPrefix, StringComparison.Ordinal))
        {
            queue.Durable = false;
            queue.AutoDelete = true;
            return;
        }
        queue.SetQuorumQueue();
        queue.SetQueueArgument("x-delivery-limit", DeliveryLimit);
    }
}
