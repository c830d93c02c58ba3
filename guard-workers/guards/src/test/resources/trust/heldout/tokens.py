# Random values in each provider's documented token shape, for the held-out sets. Seeded: the
# generated files are stable. Checksums follow the providers' published schemes (GitHub and npm:
# base62 CRC32 of the 30-char body in the last 6 chars).
import base64, random, string, zlib

R = random.Random(15)
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
HEX = "0123456789abcdef"
B64URL = string.ascii_letters + string.digits + "-_"
B64 = string.ascii_letters + string.digits + "+/"


def pick(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def b62(n): return pick(B62, n)
def hexs(n): return pick(HEX, n)
def b64url(n): return pick(B64URL, n)
def b64(n): return pick(B64, n)
def digits(n): return pick(string.digits, n)
def upper(n): return pick(string.ascii_uppercase + string.digits, n)
def letters(n): return pick(string.ascii_letters, n)


def crc_b62(body):
    n = zlib.crc32(body.encode()) & 0xFFFFFFFF
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(6, "0")


def github(prefix="ghp_"):
    body = b62(30)
    return prefix + body + crc_b62(body)


def github_bad_checksum(prefix="ghp_"):
    body = b62(30)
    good = crc_b62(body)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    return prefix + body + bad


def npm():
    body = b62(30)
    return "npm_" + body + crc_b62(body)


def github_pat(): return "github_pat_11" + upper(20) + "_" + b62(59)
def pypi(): return "pypi-AgEIcHlwaS5vcmcCJ" + b64url(150)
def sendgrid(): return "SG." + b64url(22) + "." + b64url(43)
def digitalocean(kind="dop"): return kind + "_v1_" + hexs(64)
def shopify(kind="shpat"): return kind + "_" + hexs(32)
def twilio(kind="SK"): return kind + hexs(32)
def databricks(): return "dapi" + hexs(32)
def huggingface(): return "hf_" + letters(34)
def gitlab(prefix="glpat-"): return prefix + pick(B62 + "-_", 20)
def slack_bot(): return "xoxb-" + digits(12) + "-" + digits(13) + "-" + b62(24)
def slack_user(): return "xoxp-" + digits(12) + "-" + digits(12) + "-" + digits(13) + "-" + hexs(32)
def slack_app(): return "xapp-1-A" + upper(10) + "-" + digits(13) + "-" + hexs(64)
def slack_config(): return "xoxe.xoxp-1-" + b62(140)
def slack_refresh(): return "xoxe-1-" + b62(130)
def stripe(prefix="sk_live_"): return prefix + "51" + b62(97)
def aws_id(): return "AKIA" + pick(string.ascii_uppercase + "234567", 16)
def aws_secret(): return b64(40)
def anthropic(): return "sk-ant-api03-" + b64url(93) + "AA"
def openai(): return "sk-proj-" + b64url(156)
def postman(): return "PMAK-" + hexs(24) + "-" + hexs(34)
def grafana(): return "glsa_" + b62(32) + "_" + hexs(8)
def linear(): return "lin_api_" + b62(40)
def telegram(): return digits(10) + ":AA" + b64url(33)
def mailgun(): return "key-" + hexs(32)
def age(): return "AGE-SECRET-KEY-1" + pick("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)
def newrelic(): return "NRAK-" + pick(string.ascii_uppercase + string.digits, 27)
def azure_storage(): return b64(86) + "=="
def password(n=14): return pick(string.ascii_letters + string.digits + "!#%&*+-", n)
def basic(user, pw): return base64.b64encode((user + ":" + pw).encode()).decode()
def uuid(): return "-".join(hexs(k) for k in (8, 4, 4, 4, 12))
