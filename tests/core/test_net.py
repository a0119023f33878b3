import pytest

from danvan.core.net import client_ip


@pytest.mark.parametrize(
    ("meta", "behind_proxy", "expected"),
    [
        ({"REMOTE_ADDR": "203.0.113.7"}, False, "203.0.113.7"),
        # Without a proxy, a client cannot choose its address by sending a header.
        ({"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "10.0.0.1"}, False, "203.0.113.7"),
        # Behind the proxy: the last hop is the address the proxy saw; earlier ones are the client's claims.
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.9"}, True, "198.51.100.9"),
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "198.51.100.9"}, True, "198.51.100.9"),
        ({"REMOTE_ADDR": "127.0.0.1"}, True, "127.0.0.1"),
        ({}, False, "?"),
    ],
)
def test_client_ip(meta, behind_proxy, expected):
    assert client_ip(meta, behind_proxy=behind_proxy) == expected
