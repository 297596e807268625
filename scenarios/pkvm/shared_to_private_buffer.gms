# pKVM handing a large buffer from shared to private: with attribute-based conversion the
# contents do not survive. The shared page is unshared, the private fault donates the
# same guest_memfd page... after the host force-reclaimed nothing, so the data is there;
# but a shared buffer that was host-mapped cannot be converted safely (pkvm/
# convert_while_mapped), and one that was private and goes back to shared is zeroed.
# Source: seed 002 ("pKVM handing off a large buffer ... with its contents"); hw_models.md 3.5.
vm.create p type=pkvm
gmem.create g vm=p size=16K flags=mmap
memslot.set p slot=0 gpa=0 size=16K gmem=g
guest.write p gpa=0 tag=buffer
guest.read p gpa=0 => tag:buffer
attr.set p gpa=0 size=16K private
guest.read p gpa=0 => tag:buffer
attr.set p gpa=0 size=16K shared
guest.read p gpa=0 => zero
