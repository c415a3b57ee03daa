#!/usr/bin/python3
"""Publishes one ReturnRegistered to Returns as plain JSON, the way a non-.NET upstream system does (no MassTransit).

    /usr/bin/python3 ops/upstream/publish_return.py return.json [--host 127.0.0.1] [--port 5672] [--vhost /] [--user returns-upstream]

The password comes from RETURNS_UPSTREAM_PASSWORD, never from the command line. Needs Debian's python3-pika, hence Debian's interpreter.
The message must follow contracts/schemas/return-registered.v1.schema.json; it goes to the exchange
"return-registered", which the results service declares, with content type application/json and publisher confirms.
"""
import argparse
import json
import os
import sys

import pika


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the ReturnRegistered as JSON")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5672)
    parser.add_argument("--vhost", default="/")
    parser.add_argument("--user", default="returns-upstream")
    parser.add_argument("--exchange", default="return-registered", help=argparse.SUPPRESS)  # tests try others
    args = parser.parse_args()

    with open(args.file, encoding="utf-8") as f:
        message = json.load(f)
    credentials = pika.PlainCredentials(args.user, os.environ["RETURNS_UPSTREAM_PASSWORD"])
    connection = pika.BlockingConnection(pika.ConnectionParameters(args.host, args.port, args.vhost, credentials))
    try:
        channel = connection.channel()
        channel.confirm_delivery()  # an unroutable or refused message raises instead of vanishing
        channel.basic_publish(
            exchange=args.exchange,
            routing_key="",
            body=json.dumps(message).encode("utf-8"),
            properties=pika.BasicProperties(content_type="application/json", delivery_mode=2,
                                            message_id=f"return-registered:{message['returnId']}"),
            mandatory=True,
        )
    finally:
        connection.close()
    print(f"published return {message['returnId']} with {len(message['lines'])} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
