# Option (b) and mmap: the last binding goes while userspace still maps the file. Freeing
# the pages zaps the host's mapping; the host's next read sees zeroes where its data was.
# Claim: "weirdness if/when we get to sharing, linking and/or mmap()ing gmem. E.g. what
# should happen if the last memslot (binding) is deleted, but there outstanding userspace"
# mappings. Source: seed 004 (004_bd49bc216b78ee65.txt), Sean Christopherson on option (b).
policy bind=zero-on-unbind
vm.create vm
gmem.create g vm=vm size=8K flags=mmap,init_shared
memslot.set vm slot=0 gpa=0 size=8K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=host_data
memslot.delete vm slot=0
host.read m offset=0 => zero
