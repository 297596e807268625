# In-place conversion that zeroes: the private page the guest wrote reaches the host as
# zeroes, and the guest, which now sees the page shared, reads zeroes too.
# Claim: the converse of seed 000's "doesn't zero on transitions" request: zeroing on
# conversion keeps a private page's content from the host without trusting userspace.
# Source: seed 000 (000_7b3e66eb9cef159c.txt); gmem_uapi.md 2.10 (content mode ZERO).
policy convert=in-place-zero
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K flags=mmap
memslot.set vm slot=0 gpa=0 size=16K gmem=g
gmem.mmap m gmem=g
guest.write vm gpa=0 tag=secret
gmem.convert g offset=0 len=4K to=shared
host.read m offset=0 => zero
guest.read vm gpa=0 => zero
