# Check digits of national identifiers, from their public definitions, to write valid and
# deliberately invalid values into the held-out PII set.
def nhs(nine):
    s = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1)))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return None if c == 10 else nine + str(c)

def dni(eight): return eight + "TRWAGMYFPDXBNJZSQVHLCKE"[int(eight) % 23]

def nie(letter, seven): return letter + seven + "TRWAGMYFPDXBNJZSQVHLCKE"[int("XYZ".index(letter).__str__() + seven) % 23]

def pesel(ten):
    s = sum(int(d) * w for d, w in zip(ten, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]))
    return ten + str((10 - s % 10) % 10)

_D = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
      [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
_P = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],
      [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
_INV = [0,4,3,2,1,5,6,7,8,9]

def aadhaar(eleven):
    c = 0
    for i, d in enumerate(reversed(eleven)):
        c = _D[c][_P[(i + 1) % 8][int(d)]]
    return eleven + str(_INV[c])

def tfn(eight):
    w = [1, 4, 3, 7, 5, 8, 6, 9, 10]
    for last in range(10):
        n = eight + str(last)
        if sum(int(d) * x for d, x in zip(n, w)) % 11 == 0:
            return n
    return None

def hetu(ddmmyy, century, zzz):
    return ddmmyy + century + zzz + "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(ddmmyy + zzz) % 31]

def luhn_complete(partial):
    for last in range(10):
        n = partial + str(last)
        s = 0
        for i, d in enumerate(reversed(n)):
            d = int(d)
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            s += d
        if s % 10 == 0:
            return n

def bsn(eight):
    for last in range(10):
        n = eight + str(last)
        s = sum(int(d) * w for d, w in zip(n, [9, 8, 7, 6, 5, 4, 3, 2, -1]))
        if s % 11 == 0 and n[0] != "0":
            return n

_ODD = {c: v for c, v in zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [1,0,5,7,9,13,15,17,19,21,1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23])}
def codice_fiscale(fifteen):
    s = 0
    for i, ch in enumerate(fifteen):
        if i % 2 == 0:
            s += _ODD[ch]
        else:
            s += int(ch) if ch.isdigit() else ord(ch) - ord("A")
    return fifteen + chr(ord("A") + s % 26)
