<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutBox</name>
    <message>
        <location filename="../../gui/dialogs/about.py" line="14"/>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/about.py" line="15"/>
        <source>&lt;b&gt;{app}&lt;/b&gt;&lt;br&gt;A protocol tester for TCP, UDP and WebSocket, clients and servers.</source>
        <translation>&lt;b&gt;{app}&lt;/b&gt;&lt;br&gt;TCP、UDP 和 WebSocket 协议测试工具，支持客户端和服务器。</translation>
    </message>
</context>
<context>
    <name>CaptureController</name>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="143"/>
        <source>Select a connection to export its log</source>
        <translation>请选择一个连接以导出其日志</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="182"/>
        <location filename="../../gui/dialogs/capture_runner.py" line="267"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="184"/>
        <source>Exporting {n} rows to {name}…</source>
        <translation>正在导出 {n} 行到 {name}…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="191"/>
        <source>Exported {n} rows to {path}</source>
        <translation>已导出 {n} 行到 {path}</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="194"/>
        <source> ({n} rows left the log before they were written)</source>
        <translation>（{n} 行在写入前已离开日志）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="201"/>
        <source>Open capture</source>
        <translation>打开抓包文件</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="202"/>
        <source>Sockscope captures (*.jsonl *.ndjson *.pcapng)</source>
        <translation>Sockscope 抓包文件 (*.jsonl *.ndjson *.pcapng)</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="214"/>
        <location filename="../../gui/dialogs/capture_runner.py" line="268"/>
        <source>Cannot open the capture</source>
        <translation>无法打开抓包文件</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="216"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="227"/>
        <source>Opened {n} rows from {path}</source>
        <translation>已从 {path} 打开 {n} 行</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="232"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="233"/>
        <source>Sockscope</source>
        <translation>Sockscope</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="262"/>
        <source>Cancelled: nothing was written</source>
        <translation>已取消：未写入任何文件</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="263"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="270"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="286"/>
        <source>Export selected rows…</source>
        <translation>导出选中的行…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="290"/>
        <source>Export filtered rows…</source>
        <translation>导出过滤后的行…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="292"/>
        <source>Export all rows…</source>
        <translation>导出全部行…</translation>
    </message>
</context>
<context>
    <name>CaptureWindow</name>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="74"/>
        <source>Sockscope — captures</source>
        <translation>Sockscope — 抓包文件</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="89"/>
        <source>server</source>
        <translation>服务端</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="89"/>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/capture_runner.py" line="90"/>
        <source>{path} — {name} {url} ({transport} {side}), read-only</source>
        <translation>{path} — {name} {url}（{transport} {side}），只读</translation>
    </message>
</context>
<context>
    <name>Checksum</name>
    <message>
        <location filename="../../gui/automation/checksum.py" line="112"/>
        <source>CRC-8/SMBUS (poly 07)</source>
        <translation>CRC-8/SMBUS（多项式 07）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/checksum.py" line="120"/>
        <source>CRC-16/MODBUS (sent low byte first)</source>
        <translation>CRC-16/MODBUS（低字节先发送）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/checksum.py" line="125"/>
        <source>CRC-16/KERMIT (low byte first)</source>
        <translation>CRC-16/KERMIT（低字节在前）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/checksum.py" line="127"/>
        <source>CRC-16/USB (low byte first)</source>
        <translation>CRC-16/USB（低字节在前）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/checksum.py" line="135"/>
        <source>CRC-32/ISO-HDLC (zlib, Ethernet; low byte first)</source>
        <translation>CRC-32/ISO-HDLC（zlib、以太网；低字节在前）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/checksum.py" line="172"/>
        <source>sum of the bytes mod 256</source>
        <translation>各字节之和模 256</translation>
    </message>
    <message>
        <location filename="../../gui/automation/checksum.py" line="174"/>
        <source>XOR of the bytes</source>
        <translation>各字节的异或</translation>
    </message>
    <message>
        <location filename="../../gui/automation/checksum.py" line="177"/>
        <source>LRC: two&apos;s complement of the 8-bit sum (Modbus ASCII)</source>
        <translation>LRC：8 位和的二进制补码（Modbus ASCII）</translation>
    </message>
</context>
<context>
    <name>ComposeOptions</name>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="20"/>
        <source>No line ending</source>
        <translation>无行尾</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="21"/>
        <source>LF (\n)</source>
        <translation>LF (\n)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="22"/>
        <source>CR (\r)</source>
        <translation>CR (\r)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="23"/>
        <source>CRLF (\r\n)</source>
        <translation>CRLF (\r\n)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="35"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="36"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="37"/>
        <source>Type the payload as text or as hex bytes</source>
        <translation>以文本或十六进制字节输入载荷</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="38"/>
        <source>Escapes</source>
        <translation>转义</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="39"/>
        <source>Understand \n \r \t \0 \\ \xHH in text</source>
        <translation>识别文本中的 \n \r \t \0 \\ \xHH</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="42"/>
        <source>Text encoding of the payload</source>
        <translation>载荷的文本编码</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="47"/>
        <source>Appended to every text message</source>
        <translation>附加到每条文本消息末尾</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="49"/>
        <source>Text message</source>
        <translation>文本消息</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="50"/>
        <source>Binary message</source>
        <translation>二进制消息</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="104"/>
        <source>byte {n} is not UTF-8; a WebSocket text message must be UTF-8 (choose a binary message or the UTF-8 encoding)</source>
        <translation>第 {n} 个字节不是 UTF-8；WebSocket 文本消息必须是 UTF-8（请选择二进制消息或 UTF-8 编码）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="108"/>
        <source>a ping carries at most {limit} bytes; this is {size}</source>
        <translation>ping 最多携带 {limit} 字节；当前为 {size} 字节</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/compose_options.py" line="113"/>
        <source>column {column}: {reason}</source>
        <translation>第 {column} 列：{reason}</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../gui/widgets/composer_layout.py" line="41"/>
        <source>Payload — Ctrl+Enter sends, Up/Down walk history</source>
        <translation>载荷 — Ctrl+Enter 发送，上/下方向键浏览历史</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer_layout.py" line="51"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="326"/>
        <location filename="../../gui/widgets/composer_layout.py" line="52"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer_layout.py" line="53"/>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer_layout.py" line="54"/>
        <source>Send a WebSocket ping</source>
        <translation>发送 WebSocket ping</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer_layout.py" line="55"/>
        <source>Send file…</source>
        <translation>发送文件…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer_layout.py" line="56"/>
        <source>Send a file&apos;s bytes as one message (up to 16 MiB)</source>
        <translation>将文件内容作为一条消息发送（最大 16 MiB）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="134"/>
        <source>Send failed: {message}</source>
        <translation>发送失败：{message}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="172"/>
        <source>saved message {name}: {problem}</source>
        <translation>已保存的消息 {name}：{problem}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="219"/>
        <source>Not saved: {problem}</source>
        <translation>未保存：{problem}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="187"/>
        <source>{file} is {size} bytes; files up to {limit} MiB can be sent</source>
        <translation>{file} 大小为 {size} 字节；只能发送不超过 {limit} MiB 的文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="195"/>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="204"/>
        <source>Send file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="302"/>
        <source>{n} bytes</source>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="304"/>
        <source>{size}: {hex}</source>
        <translation>{size}：{hex}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="323"/>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/composer.py" line="325"/>
        <source>Fix the payload first</source>
        <translation>请先修正载荷</translation>
    </message>
</context>
<context>
    <name>ConnectionActions</name>
    <message>
        <location filename="../../gui/connection_actions.py" line="52"/>
        <source>New TCP client</source>
        <translation>新建 TCP 客户端</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="53"/>
        <source>New TCP server</source>
        <translation>新建 TCP 服务器</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="54"/>
        <source>New UDP</source>
        <translation>新建 UDP</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="55"/>
        <source>New WebSocket client</source>
        <translation>新建 WebSocket 客户端</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="56"/>
        <source>New WebSocket server</source>
        <translation>新建 WebSocket 服务器</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="58"/>
        <source>New connection</source>
        <translation>新建连接</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="69"/>
        <source>Edit {name}</source>
        <translation>编辑 {name}</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="85"/>
        <source>{name}: the new settings apply from the next Connect</source>
        <translation>{name}：新设置将在下次连接时生效</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="117"/>
        <source>{name}: connecting…</source>
        <translation>{name}：连接中…</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="136"/>
        <source>“{scenario}”, step(s) {steps}</source>
        <translation>“{scenario}”，第 {steps} 步</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="140"/>
        <source>Delete {name}?</source>
        <translation>删除 {name}？</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="141"/>
        <source>{n} scenario step(s) use {name}:</source>
        <translation>有 {n} 个场景步骤使用 {name}：</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="146"/>
        <source>After the delete these steps name a connection that is not there: running the scenarios stops at them with an error until you edit the steps or add a connection named {name}.</source>
        <translation>删除后，这些步骤引用的连接将不存在：运行这些场景时会在这些步骤处报错停止，直到您编辑这些步骤，或添加一个名为 {name} 的连接。</translation>
    </message>
    <message>
        <location filename="../../gui/connection_actions.py" line="149"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ConnectionDock</name>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="36"/>
        <source>&amp;TCP client…</source>
        <translation>TCP 客户端(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="37"/>
        <source>Connect to a TCP (or TLS) server</source>
        <translation>连接到 TCP（或 TLS）服务器</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="38"/>
        <source>TCP &amp;server…</source>
        <translation>TCP 服务器(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="39"/>
        <source>Listen for TCP (or TLS) clients</source>
        <translation>监听 TCP（或 TLS）客户端</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="40"/>
        <source>&amp;UDP…</source>
        <translation>UDP(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="41"/>
        <source>Send and receive UDP datagrams</source>
        <translation>收发 UDP 数据报</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="42"/>
        <source>&amp;WebSocket client…</source>
        <translation>WebSocket 客户端(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="44"/>
        <source>Connect to a WebSocket (ws:// or wss://) server</source>
        <translation>连接到 WebSocket（ws:// 或 wss://）服务器</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="45"/>
        <source>WebSocket se&amp;rver…</source>
        <translation>WebSocket 服务器(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="46"/>
        <source>Listen for WebSocket clients</source>
        <translation>监听 WebSocket 客户端</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="47"/>
        <source>TCP re&amp;lay…</source>
        <translation>TCP 中继(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="48"/>
        <source>Sit between TCP (or TLS) clients and their server; see and disturb both ways</source>
        <translation>位于 TCP（或 TLS）客户端与其服务器之间；查看并干扰双向流量</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="50"/>
        <source>WebSocket rela&amp;y…</source>
        <translation>WebSocket 中继(&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="51"/>
        <source>Sit between WebSocket clients and their server</source>
        <translation>位于 WebSocket 客户端与其服务器之间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="52"/>
        <source>UDP relay…</source>
        <translation>UDP 中继…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="53"/>
        <source>Relay datagrams: one upstream socket per client address</source>
        <translation>中继数据报：每个客户端地址一个上游套接字</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="76"/>
        <source>Connections</source>
        <translation>连接列表</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="85"/>
        <source>Connection actions</source>
        <translation>连接操作</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="129"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="139"/>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="140"/>
        <source>Connect, or start listening</source>
        <translation>连接，或开始监听</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="141"/>
        <source>&amp;Disconnect</source>
        <translation>断开(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="142"/>
        <source>Close the connection or stop listening</source>
        <translation>关闭连接或停止监听</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="144"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="145"/>
        <source>Edit the connection&apos;s settings</source>
        <translation>编辑连接设置</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="146"/>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="147"/>
        <source>Copy the connection</source>
        <translation>复制此连接</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="148"/>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="149"/>
        <source>Close and remove the connection</source>
        <translation>关闭并移除此连接</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="158"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/connection_dock.py" line="159"/>
        <source>New connection: TCP, UDP or WebSocket, client or server</source>
        <translation>新建连接：TCP、UDP 或 WebSocket，客户端或服务器</translation>
    </message>
</context>
<context>
    <name>ConnectionDraft</name>
    <message>
        <location filename="../../gui/workspace/draft.py" line="45"/>
        <source>a TLS server needs a certificate</source>
        <translation>TLS 服务器需要证书</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="46"/>
        <source>a key file was given without a certificate</source>
        <translation>给出了私钥文件但没有证书</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="47"/>
        <source>reconnect.max_delay must be ≥ reconnect.initial_delay</source>
        <translation>最大延迟必须不小于首次延迟</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="239"/>
        <source>another connection is already named {name}; scenario steps name connections, so enter a different name</source>
        <translation>已有另一个连接名为 {name}；场景步骤按名称引用连接，请输入其他名称</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="248"/>
        <source>enter a host name or address</source>
        <translation>请输入主机名或地址</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="251"/>
        <source>a host cannot contain spaces or slashes</source>
        <translation>主机不能包含空格或斜杠</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="255"/>
        <source>port must be a number from {lowest} to 65535 (0: any free port)</source>
        <translation>端口必须是 {lowest} 到 65535 之间的数字（0：任意空闲端口）</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="257"/>
        <source>port must be a number from {lowest} to 65535</source>
        <translation>端口必须是 {lowest} 到 65535 之间的数字</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="264"/>
        <source>the path must start with /</source>
        <translation>路径必须以 / 开头</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="266"/>
        <source>the path cannot contain spaces (use %20)</source>
        <translation>路径不能包含空格（请使用 %20）</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="270"/>
        <source>row {row}: a header name is letters, digits and !#$%&amp;&apos;*+-.^_`|~ (no spaces or colons)</source>
        <translation>第 {row} 行：头部字段名只能包含字母、数字和 !#$%&amp;&apos;*+-.^_`|~（不能有空格或冒号）</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="276"/>
        <source>{name} is not an origin (scheme://host[:port], e.g. https://example.com)</source>
        <translation>{name} 不是 Origin（scheme://主机[:端口]，例如 https://example.com）</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="282"/>
        <source>{name} is not a valid subprotocol token</source>
        <translation>{name} 不是有效的子协议标记</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="287"/>
        <source>enter the upstream URL each client is relayed to</source>
        <translation>请输入每个客户端被中继到的上游 URL</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="298"/>
        <source>the delimiter cannot be empty</source>
        <translation>分隔符不能为空</translation>
    </message>
    <message>
        <location filename="../../gui/workspace/draft.py" line="301"/>
        <source>column {column}: {reason}</source>
        <translation>第 {column} 列：{reason}</translation>
    </message>
</context>
<context>
    <name>ConnectionEditor</name>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="45"/>
        <source>Edit connection</source>
        <translation>编辑连接</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="98"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="101"/>
        <source>(the URL)</source>
        <translation>（使用 URL）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="102"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="103"/>
        <source>A label for the connection list</source>
        <translation>在连接列表中显示的名称</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="111"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="112"/>
        <location filename="../../gui/dialogs/connection_editor.py" line="156"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="113"/>
        <source>Relay</source>
        <translation>中继</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="114"/>
        <source>Client: connect to an address.  Server: listen on it (for UDP: bind to it).  Relay: listen on it and pass each client on to an upstream server, showing both ways.</source>
        <translation>客户端：连接到某个地址。服务器：在该地址上监听（UDP：绑定到该地址）。中继：在该地址上监听，并把每个客户端转接到上游服务器，显示双向流量。</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="119"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="121"/>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="122"/>
        <source>Host name or IP address (servers: the address to listen on)</source>
        <translation>主机名或 IP 地址（服务器：要监听的地址）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="125"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="126"/>
        <source>1–65535; servers may use 0 for any free port</source>
        <translation>1–65535；服务器可用 0 表示任意空闲端口</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="128"/>
        <source>Path:</source>
        <translation>路径：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="129"/>
        <source>WebSocket request path and query, e.g. /chat?room=1</source>
        <translation>WebSocket 请求路径和查询参数，例如 /chat?room=1</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="131"/>
        <source>(any local port)</source>
        <translation>（任意本地端口）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="132"/>
        <source>Local bind:</source>
        <translation>本地绑定：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="133"/>
        <source>UDP client: the local host:port to send from (optional)</source>
        <translation>UDP 客户端：发送时使用的本地 主机:端口（可选）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="135"/>
        <source>How text typed in the composer becomes bytes</source>
        <translation>编辑器中输入的文本如何转换为字节</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="136"/>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="139"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="140"/>
        <source>Give up connecting after this long</source>
        <translation>超过此时间则放弃连接</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="141"/>
        <source>Connect timeout:</source>
        <translation>连接超时：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="145"/>
        <source>Frames waiting to be written before sending waits</source>
        <translation>发送需要等待之前可排队等待写入的帧数</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="146"/>
        <source>Send queue:</source>
        <translation>发送队列：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="158"/>
        <source>Echo every frame back to its sender</source>
        <translation>将每一帧回显给发送方</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="162"/>
        <location filename="../../gui/dialogs/connection_editor.py" line="236"/>
        <source>Further peers are refused</source>
        <translation>超出的对端将被拒绝</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="163"/>
        <source>Max peers:</source>
        <translation>最大对端数：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="234"/>
        <source>Beyond this many client addresses, the least recently active pair is closed</source>
        <translation>客户端地址超过此数量时，关闭最久未活动的连接对</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_editor.py" line="249"/>
        <source>{n} field(s) need attention before saving</source>
        <translation>保存前有 {n} 个字段需要修正</translation>
    </message>
</context>
<context>
    <name>ConnectionsModel</name>
    <message>
        <location filename="../../gui/models/connections_model.py" line="38"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="39"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="40"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="41"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="45"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="46"/>
        <source>connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="47"/>
        <source>reconnecting…</source>
        <translation>重连中…</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="48"/>
        <source>open</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="49"/>
        <source>closing…</source>
        <translation>关闭中…</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="50"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="51"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="52"/>
        <source>listening</source>
        <translation>监听中</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="53"/>
        <source>TCP client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="54"/>
        <source>TCP server</source>
        <translation>TCP 服务器</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="55"/>
        <source>TLS client</source>
        <translation>TLS 客户端</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="56"/>
        <source>TLS server</source>
        <translation>TLS 服务器</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="57"/>
        <source>WS client</source>
        <translation>WS 客户端</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="58"/>
        <source>WS server</source>
        <translation>WS 服务器</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="59"/>
        <source>WSS client</source>
        <translation>WSS 客户端</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="60"/>
        <source>WSS server</source>
        <translation>WSS 服务器</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="61"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="62"/>
        <source>UDP bound</source>
        <translation>UDP（已绑定）</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="63"/>
        <source>TCP relay</source>
        <translation>TCP 中继</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="64"/>
        <source>TLS relay</source>
        <translation>TLS 中继</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="65"/>
        <source>UDP relay</source>
        <translation>UDP 中继</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="66"/>
        <source>WS relay</source>
        <translation>WS 中继</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="67"/>
        <source>WSS relay</source>
        <translation>WSS 中继</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="193"/>
        <source>{kind}: {address}
state: {state}</source>
        <translation>{kind}：{address}
状态：{state}</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="199"/>
        <source>last error: {error}</source>
        <translation>最近的错误：{error}</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="212"/>
        <source>client, pair {n}</source>
        <translation>客户端，连接对 {n}</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="214"/>
        <source>upstream, pair {n}</source>
        <translation>上游，连接对 {n}</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="215"/>
        <source>peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <location filename="../../gui/models/connections_model.py" line="226"/>
        <source>peer #{id} of {server}: {address}</source>
        <translation>{server} 的对端 #{id}：{address}</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="40"/>
        <location filename="../../gui/widgets/detail_pane.py" line="134"/>
        <source>No message selected</source>
        <translation>未选中消息</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="46"/>
        <source>Copy as</source>
        <translation>复制为</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="47"/>
        <source>Copy the whole payload to the clipboard</source>
        <translation>将完整载荷复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="52"/>
        <location filename="../../gui/widgets/detail_pane.py" line="85"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="53"/>
        <source>Escaped text</source>
        <translation>转义文本</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="54"/>
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="55"/>
        <source>C array</source>
        <translation>C 数组</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="56"/>
        <source>Python bytes literal</source>
        <translation>Python bytes 字面量</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="72"/>
        <source>Hex dump</source>
        <translation>十六进制转储</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="73"/>
        <location filename="../../gui/widgets/detail_pane.py" line="74"/>
        <location filename="../../gui/widgets/detail_pane.py" line="138"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="143"/>
        <source>… {n} more bytes not shown (Copy as takes them all)</source>
        <translation>… 还有 {n} 字节未显示（“复制为”会复制全部）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="147"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="147"/>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="150"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="152"/>
        <source>connection event</source>
        <translation>连接事件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="154"/>
        <source>WebSocket {kind}</source>
        <translation>WebSocket {kind}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="155"/>
        <source>{n} bytes</source>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="163"/>
        <source>Close code {code}</source>
        <translation>关闭码 {code}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="171"/>
        <source>JSON ({encoding})</source>
        <translation>JSON（{encoding}）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/detail_pane.py" line="174"/>
        <source>Text ({encoding})</source>
        <translation>文本（{encoding}）</translation>
    </message>
</context>
<context>
    <name>DirectionFaults</name>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="60"/>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="60"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="63"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="65"/>
        <source>Hold every frame this long (± a random jitter); order is kept</source>
        <translation>每帧都延迟这么久（± 随机抖动）；保持顺序</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="66"/>
        <source> KiB/s</source>
        <translation> KiB/秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="67"/>
        <source>Bandwidth</source>
        <translation>带宽</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="69"/>
        <source>Let frames through at this rate at most</source>
        <translation>最多以此速率放行帧</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="70"/>
        <location filename="../../gui/widgets/fault_panel.py" line="81"/>
        <source> B</source>
        <translation> 字节</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="72"/>
        <source>Slicer</source>
        <translation>切片</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="75"/>
        <source>Cut stream data into small writes with a delay between them</source>
        <translation>把流数据切成小块写出，块之间有延时</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="76"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="77"/>
        <source>Drop</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="79"/>
        <source>Drop each message with this probability (UDP and WebSocket)</source>
        <translation>以此概率丢弃每条消息（UDP 和 WebSocket）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="82"/>
        <source>Limit data</source>
        <translation>限制数据量</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="84"/>
        <source>Close the pair once this many bytes went this way</source>
        <translation>此方向传输这么多字节后关闭该连接对</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="86"/>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="88"/>
        <source>Let nothing through, then close the pair after this long (0: hold until switched off)</source>
        <translation>不放行任何数据，并在这么久后关闭该连接对（0：一直保持，直到关闭此故障）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="91"/>
        <source>Slow close</source>
        <translation>延迟关闭</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="93"/>
        <source>When this side closes, close the other side this much later</source>
        <translation>这一侧关闭时，延迟这么久再关闭另一侧</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="95"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="96"/>
        <source>Reset both connections (TCP RST) this long after the next frame</source>
        <translation>在下一帧之后这么久重置两侧连接（TCP RST）</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="52"/>
        <source>Export log</source>
        <translation>导出日志</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="54"/>
        <source>All rows ({n})</source>
        <translation>全部行（{n}）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="56"/>
        <source>Rows matching the filter ({n})</source>
        <translation>匹配过滤条件的行（{n}）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="58"/>
        <source>Selected rows ({n})</source>
        <translation>选中的行（{n}）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="70"/>
        <source>By file extension</source>
        <translation>按文件扩展名</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="71"/>
        <source>pcapng (Wireshark)</source>
        <translation>pcapng（Wireshark）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="72"/>
        <source>JSON Lines (opens back in Sockscope)</source>
        <translation>JSON Lines（可在 Sockscope 中重新打开）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="73"/>
        <source>CSV (spreadsheets)</source>
        <translation>CSV（电子表格）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="74"/>
        <source>Raw bytes of one direction</source>
        <translation>单一方向的原始字节</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="76"/>
        <source>Received (in)</source>
        <translation>接收（入）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="77"/>
        <source>Sent (out)</source>
        <translation>发送（出）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="79"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="93"/>
        <source>Rows:</source>
        <translation>行：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="94"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="95"/>
        <source>Direction:</source>
        <translation>方向：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="96"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="99"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="102"/>
        <source>pcapng synthesises TCP/UDP packets around the logged bytes; JSON Lines keeps every row exactly.</source>
        <translation>pcapng 会围绕记录的字节合成 TCP/UDP 数据包；JSON Lines 则原样保留每一行。</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="123"/>
        <source>Choose a file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="127"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="161"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="162"/>
        <source>Captures (*.pcapng *.jsonl *.ndjson *.csv *.bin *.raw)</source>
        <translation>抓包文件 (*.pcapng *.jsonl *.ndjson *.csv *.bin *.raw)</translation>
    </message>
</context>
<context>
    <name>FaultPanel</name>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="175"/>
        <source>Client → upstream</source>
        <translation>客户端 → 上游</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="176"/>
        <source>Upstream → client</source>
        <translation>上游 → 客户端</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="192"/>
        <source>Faults of {name}, applied while traffic flows</source>
        <translation>{name} 的故障，在流量进行中即时生效</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="194"/>
        <source>Select a relay to disturb its traffic</source>
        <translation>选择一个中继以干扰其流量</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="203"/>
        <source>client → upstream</source>
        <translation>客户端 → 上游</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="204"/>
        <source>upstream → client</source>
        <translation>上游 → 客户端</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="206"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="208"/>
        <source>Active: {faults}</source>
        <translation>生效中：{faults}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="214"/>
        <source>latency {ms} ms</source>
        <translation>延迟 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="217"/>
        <source>bandwidth {rate} KiB/s</source>
        <translation>带宽 {rate} KiB/秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="219"/>
        <source>slicer {size} B / {ms} ms</source>
        <translation>切片 {size} 字节 / {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="222"/>
        <source>drop {percent} %</source>
        <translation>丢弃 {percent} %</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="224"/>
        <source>limit {bytes} B</source>
        <translation>限制 {bytes} 字节</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="226"/>
        <source>timeout {s} s</source>
        <translation>超时 {s} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="228"/>
        <source>slow close {s} s</source>
        <translation>延迟关闭 {s} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/fault_panel.py" line="230"/>
        <source>reset after {s} s</source>
        <translation>{s} 秒后重置</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="16"/>
        <location filename="../../gui/widgets/language_menu.py" line="17"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="17"/>
        <source>&amp;New workspace</source>
        <translation>新建工作区(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="19"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="21"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="23"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="25"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="31"/>
        <source>&amp;Export log…</source>
        <translation>导出日志(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="34"/>
        <source>Write the log as pcapng, JSON Lines, CSV or raw bytes</source>
        <translation>将日志写为 pcapng、JSON Lines、CSV 或原始字节</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="35"/>
        <source>Open &amp;capture…</source>
        <translation>打开抓包文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="37"/>
        <source>Open a JSON Lines or pcapng capture written by Sockscope, read-only</source>
        <translation>以只读方式打开 Sockscope 写入的 JSON Lines 或 pcapng 抓包文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="39"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_menu.py" line="42"/>
        <source>Close every connection and quit</source>
        <translation>关闭所有连接并退出</translation>
    </message>
</context>
<context>
    <name>FramingGroup</name>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="98"/>
        <source>Framing (TCP)</source>
        <translation>分帧（TCP）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="102"/>
        <source>Raw: each read as it comes</source>
        <translation>原始：每次读取即为一帧</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="103"/>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="104"/>
        <source>Fixed length</source>
        <translation>固定长度</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="105"/>
        <source>Length header</source>
        <translation>长度头</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="106"/>
        <source>Idle gap</source>
        <translation>空闲间隔</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="108"/>
        <source>How the byte stream is cut into messages</source>
        <translation>如何将字节流切分为消息</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="109"/>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="111"/>
        <source>keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="112"/>
        <source>Keep the delimiter in each frame</source>
        <translation>在每一帧中保留分隔符</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="113"/>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="114"/>
        <source>Escaped text: \n, \r\n, \x00, …</source>
        <translation>转义文本：\n、\r\n、\x00 等</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="117"/>
        <source>Frame length:</source>
        <translation>帧长度：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="123"/>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="123"/>
        <source>{n} bytes</source>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="126"/>
        <source>big-endian</source>
        <translation>大端</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="127"/>
        <source>little-endian</source>
        <translation>小端</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="130"/>
        <source>Header:</source>
        <translation>长度头：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="131"/>
        <source>the length counts the header too</source>
        <translation>长度值包含长度头本身</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="133"/>
        <source>keep the header in each frame</source>
        <translation>在每一帧中保留长度头</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="138"/>
        <source>Added to the header&apos;s value to get the body length</source>
        <translation>与长度头的值相加得到消息体长度</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="139"/>
        <source>Length offset:</source>
        <translation>长度偏移：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="142"/>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="143"/>
        <source>Idle gap:</source>
        <translation>空闲间隔：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="146"/>
        <source> B</source>
        <translation> 字节</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="147"/>
        <source>Max frame:</source>
        <translation>最大帧长：</translation>
    </message>
</context>
<context>
    <name>LimitsGroup</name>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="29"/>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="35"/>
        <source> B</source>
        <translation> 字节</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="37"/>
        <source>Payload bytes waiting to be written (per connection or peer) before sending waits; default 4 MiB</source>
        <translation>等待写出的负载字节数（每个连接或对端），超过后发送将等待；默认 4 MiB</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="39"/>
        <source>Send queue bytes:</source>
        <translation>发送队列字节数：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="40"/>
        <source>Disconnect a peer too slow for a broadcast</source>
        <translation>断开跟不上广播的慢速对端</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="42"/>
        <source>Off: a peer whose send queue is full is skipped and reported; on: it is disconnected</source>
        <translation>关闭：发送队列已满的对端被跳过并报告；开启：断开该对端</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="47"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="67"/>
        <source>{seconds} s (default)</source>
        <translation>{seconds} 秒（默认）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="69"/>
        <source>Close a client&apos;s pair (its upstream socket) after this long without a datagram either way</source>
        <translation>客户端的连接对（及其上游套接字）在两个方向都没有数据报达到这么久后关闭</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="72"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="74"/>
        <source>Close a peer after this long without traffic, so idle peers cannot hold every max-peers slot</source>
        <translation>对端无流量达到此时长后关闭，以免空闲对端占满所有最大对端数名额</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="48"/>
        <source>Idle timeout:</source>
        <translation>空闲超时：</translation>
    </message>
</context>
<context>
    <name>LogLimitsDialog</name>
    <message>
        <location filename="../../gui/dialogs/log_limits.py" line="34"/>
        <source>Log limits</source>
        <translation>日志上限</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/log_limits.py" line="45"/>
        <source>Each connection keeps at most this many messages and this much payload; beyond either, the oldest messages are dropped and the status bar counts them. Lowering a limit applies at once.</source>
        <translation>每个连接最多保留这么多条消息和这么多载荷；超出任一上限时丢弃最早的消息，并在状态栏中计数。降低上限会立即生效。</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/log_limits.py" line="50"/>
        <source>Messages per connection:</source>
        <translation>每个连接的消息数：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/log_limits.py" line="51"/>
        <source>Payload per connection:</source>
        <translation>每个连接的载荷：</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location filename="../../gui/models/log_model.py" line="85"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="86"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="87"/>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="88"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="89"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="92"/>
        <source>Message number since the log was cleared</source>
        <translation>自日志清除以来的消息序号</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="93"/>
        <source>When the message was sent or received</source>
        <translation>消息发送或接收的时间</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="94"/>
        <source>→ out: sent by us; ← in: received</source>
        <translation>→ 发：本端发送；← 收：接收</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="95"/>
        <source>The remote address</source>
        <translation>远端地址</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="96"/>
        <source>Payload size in bytes</source>
        <translation>载荷大小（字节）</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="97"/>
        <source>The start of the payload (hex or text)</source>
        <translation>载荷开头部分（十六进制或文本）</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="128"/>
        <source>out</source>
        <translation>发</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="128"/>
        <source>in</source>
        <translation>收</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="129"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="130"/>
        <source>Sent automatically, in reaction to a received frame (an auto-reply rule, echo or a relay)</source>
        <translation>收到帧后自动发送（自动回复规则、回显或转发）</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="134"/>
        <source>ping</source>
        <translation>ping</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="135"/>
        <source>pong</source>
        <translation>pong</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="136"/>
        <source>close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="139"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="140"/>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="141"/>
        <source>peer joined</source>
        <translation>对端加入</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="142"/>
        <source>peer left</source>
        <translation>对端离开</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="143"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="144"/>
        <source>reconnecting</source>
        <translation>正在重连</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="145"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="68"/>
        <location filename="../../gui/widgets/log_panel.py" line="81"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="69"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="70"/>
        <source>Preview payloads as hex or as text</source>
        <translation>以十六进制或文本预览载荷</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="74"/>
        <source>Text encoding for previews and the detail pane</source>
        <translation>预览和详情窗格使用的文本编码</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="76"/>
        <source>Absolute time</source>
        <translation>绝对时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="77"/>
        <source>Relative time</source>
        <translation>相对时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="78"/>
        <source>Wall-clock time, or seconds since the first message</source>
        <translation>系统时钟时间，或自第一条消息起的秒数</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="80"/>
        <source>Substring</source>
        <translation>子串</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="82"/>
        <source>Regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="83"/>
        <source>How the filter box matches payloads</source>
        <translation>过滤框如何匹配载荷</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="85"/>
        <source>Filter payloads…</source>
        <translation>过滤载荷…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="93"/>
        <source>Oldest messages dropped by the log limits (View ▸ Log limits)</source>
        <translation>因日志上限而丢弃的最早消息（视图 ▸ 日志上限）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="95"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="96"/>
        <source>Forget every message of this connection</source>
        <translation>清除此连接的所有消息</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="326"/>
        <source>{n} dropped</source>
        <translation>已丢弃 {n} 条</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="170"/>
        <source>&amp;Connection</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="176"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="181"/>
        <source>Focus the &amp;log</source>
        <translation>聚焦到日志(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="184"/>
        <source>Focus the &amp;composer</source>
        <translation>聚焦到编辑器(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="187"/>
        <source>Focus the c&amp;onnections</source>
        <translation>聚焦到连接列表(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="191"/>
        <source>Log li&amp;mits…</source>
        <translation>日志上限(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="193"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="199"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="200"/>
        <source>&amp;About Sockscope</source>
        <translation>关于 Sockscope(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="375"/>
        <source>closing connections…</source>
        <translation>正在关闭连接…</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="123"/>
        <source>The %1 translation is missing: the window stays in English</source>
        <translation>缺少 %1 翻译文件：窗口保持英文</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="146"/>
        <source>the demo did not start: %1</source>
        <translation>演示未能启动：%1</translation>
    </message>
</context>
<context>
    <name>PeerCombo</name>
    <message>
        <location filename="../../gui/widgets/peer_combo.py" line="14"/>
        <source>Which accepted peer the message goes to</source>
        <translation>消息发往哪个已接入的对端</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/peer_combo.py" line="23"/>
        <source>All peers (broadcast)</source>
        <translation>所有对端（广播）</translation>
    </message>
</context>
<context>
    <name>PeriodicControls</name>
    <message>
        <location filename="../../gui/widgets/periodic_controls.py" line="22"/>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/periodic_controls.py" line="23"/>
        <source>Interval between periodic sends</source>
        <translation>定时发送的间隔</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/periodic_controls.py" line="27"/>
        <source>forever</source>
        <translation>无限次</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/periodic_controls.py" line="28"/>
        <source>How many periodic sends (0: until stopped)</source>
        <translation>定时发送的次数（0：直到停止）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/periodic_controls.py" line="29"/>
        <location filename="../../gui/widgets/periodic_controls.py" line="53"/>
        <source>Start periodic</source>
        <translation>开始定时发送</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/periodic_controls.py" line="34"/>
        <source>Every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/periodic_controls.py" line="53"/>
        <source>Stop periodic</source>
        <translation>停止定时发送</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/periodic_controls.py" line="60"/>
        <source>sent {count}</source>
        <translation>已发送 {count}</translation>
    </message>
</context>
<context>
    <name>ReconnectGroup</name>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="363"/>
        <source>Reconnect automatically</source>
        <translation>自动重连</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="369"/>
        <location filename="../../gui/dialogs/connection_groups.py" line="373"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="370"/>
        <source>First delay:</source>
        <translation>首次延迟：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="374"/>
        <source>Max delay:</source>
        <translation>最大延迟：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="377"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="378"/>
        <source>Max attempts:</source>
        <translation>最大尝试次数：</translation>
    </message>
</context>
<context>
    <name>RelayGroup</name>
    <message>
        <location filename="../../gui/dialogs/relay_group.py" line="17"/>
        <source>Relay</source>
        <translation>中继</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/relay_group.py" line="22"/>
        <source>Upstream URL:</source>
        <translation>上游 URL：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/relay_group.py" line="23"/>
        <source>Each client that connects gets its own connection to this URL (tls:// or wss:// opens TLS on this side)</source>
        <translation>每个连入的客户端都会得到一条到此 URL 的独立连接（tls:// 或 wss:// 在这一侧发起 TLS）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/relay_group.py" line="26"/>
        <source>Upstream CA file:</source>
        <translation>上游 CA 文件：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/relay_group.py" line="27"/>
        <source>PEM bundle to trust for a tls:// or wss:// upstream (empty: the system store)</source>
        <translation>tls:// 或 wss:// 上游所信任的 PEM 证书包（留空：使用系统证书库）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/relay_group.py" line="28"/>
        <source>(system trust store)</source>
        <translation>（系统证书库）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/relay_group.py" line="28"/>
        <source>Choose a CA file</source>
        <translation>选择 CA 文件</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/relay_group.py" line="29"/>
        <source>Do not verify the upstream&apos;s certificate</source>
        <translation>不验证上游的证书</translation>
    </message>
</context>
<context>
    <name>RelayLink</name>
    <message>
        <location filename="../../gui/relay_link.py" line="32"/>
        <source>Relay faults</source>
        <translation>中继故障</translation>
    </message>
    <message>
        <location filename="../../gui/relay_link.py" line="40"/>
        <source>client→upstream</source>
        <translation>客户端→上游</translation>
    </message>
    <message>
        <location filename="../../gui/relay_link.py" line="41"/>
        <source>upstream→client</source>
        <translation>上游→客户端</translation>
    </message>
    <message>
        <location filename="../../gui/relay_link.py" line="42"/>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../gui/relay_link.py" line="42"/>
        <source>upstream</source>
        <translation>上游</translation>
    </message>
    <message>
        <location filename="../../gui/relay_link.py" line="43"/>
        <source>socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../gui/relay_link.py" line="90"/>
        <source>(pair {n})</source>
        <translation>（连接对 {n}）</translation>
    </message>
</context>
<context>
    <name>RulesLink</name>
    <message>
        <location filename="../../gui/rules_link.py" line="27"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="50"/>
        <source>any frame</source>
        <translation>任意帧</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="50"/>
        <source>is exactly</source>
        <translation>完全等于</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="51"/>
        <source>starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="51"/>
        <source>ends with</source>
        <translation>结尾是</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="52"/>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="52"/>
        <source>regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="53"/>
        <source>hex pattern (?? = any byte, * = any bytes)</source>
        <translation>十六进制模式（?? = 任意一个字节，* = 任意多个字节）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="54"/>
        <source>checksum valid</source>
        <translation>校验和正确</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="55"/>
        <source>checksum invalid</source>
        <translation>校验和错误</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="61"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="61"/>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="61"/>
        <location filename="../../gui/widgets/rules_panel.py" line="154"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="74"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="75"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="76"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="77"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="87"/>
        <source>Selected rule</source>
        <translation>所选规则</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="94"/>
        <source>pattern is hex</source>
        <translation>模式为十六进制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="95"/>
        <source>ignore case</source>
        <translation>忽略大小写</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="97"/>
        <source>any message</source>
        <translation>任意消息</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="98"/>
        <source>WebSocket text only</source>
        <translation>仅 WebSocket 文本</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="99"/>
        <source>binary only</source>
        <translation>仅二进制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="102"/>
        <source>reply as received</source>
        <translation>按收到的类型回复</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="103"/>
        <source>reply as text</source>
        <translation>以文本回复</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="104"/>
        <source>reply as binary</source>
        <translation>以二进制回复</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="111"/>
        <source>usual byte order</source>
        <translation>常用字节序</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="111"/>
        <source>big-endian</source>
        <translation>大端</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="112"/>
        <source>little-endian</source>
        <translation>小端</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="117"/>
        <source>reply template, e.g. pong {{counter}}\n or 01 03 02 {{1}} {{2}} {{crc16-modbus}}</source>
        <translation>回复模板，例如 pong {{counter}}
 或 01 03 02 {{1}} {{2}} {{crc16-modbus}}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="120"/>
        <source>reply is hex</source>
        <translation>回复为十六进制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="123"/>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="125"/>
        <source>close the connection</source>
        <translation>关闭连接</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="128"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="129"/>
        <source>continue with the next rules</source>
        <translation>继续匹配后面的规则</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="137"/>
        <source>from byte</source>
        <translation>起始字节</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="149"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="150"/>
        <source>When the frame</source>
        <translation>当帧</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="151"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="152"/>
        <source>Checksum</source>
        <translation>校验和</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="153"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="155"/>
        <source>After</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="156"/>
        <source>Note in the log</source>
        <translation>日志备注</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="157"/>
        <source>Stop after</source>
        <translation>匹配次数上限</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="165"/>
        <source>Test a frame</source>
        <translation>测试帧</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="169"/>
        <source>paste a received frame</source>
        <translation>粘贴一个收到的帧</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="170"/>
        <source>hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="202"/>
        <source>Auto-reply rules of {name}</source>
        <translation>{name} 的自动回复规则</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="203"/>
        <source>Select a connection to edit its auto-reply rules</source>
        <translation>选择一个连接以编辑其自动回复规则</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="213"/>
        <location filename="../../gui/widgets/rules_panel.py" line="246"/>
        <source>rule {n}</source>
        <translation>规则 {n}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="351"/>
        <source>Paste a frame to see which rule answers it.</source>
        <translation>粘贴一个帧，查看哪条规则会回复它。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="362"/>
        <source>No rule matches this frame ({n} bytes).</source>
        <translation>没有规则匹配此帧（{n} 字节）。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="368"/>
        <source>Rule {n} “{name}” matches.</source>
        <translation>规则 {n}“{name}”匹配。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="370"/>
        <source>Reply ({n} bytes): {hex}</source>
        <translation>回复（{n} 字节）：{hex}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="375"/>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="377"/>
        <source>after {ms} ms</source>
        <translation>延迟 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/rules_panel.py" line="379"/>
        <source>then closes the connection.</source>
        <translation>然后关闭连接。</translation>
    </message>
</context>
<context>
    <name>SavedMessagesList</name>
    <message>
        <location filename="../../gui/widgets/saved_messages.py" line="34"/>
        <source>Double-click to send; F2 to rename</source>
        <translation>双击发送；按 F2 重命名</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/saved_messages.py" line="35"/>
        <source>Save current to keep a message; double-click to send.</source>
        <translation>点击“保存当前”保留一条消息；双击即可发送。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/saved_messages.py" line="40"/>
        <source>Save current</source>
        <translation>保存当前</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/saved_messages.py" line="41"/>
        <source>Keep the editor&apos;s payload as a named message</source>
        <translation>将编辑器中的载荷保存为命名消息</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/saved_messages.py" line="42"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/saved_messages.py" line="43"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/saved_messages.py" line="48"/>
        <source>Saved messages</source>
        <translation>已保存的消息</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/saved_messages.py" line="141"/>
        <source>(empty hex)</source>
        <translation>（空十六进制）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/saved_messages.py" line="143"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>ScenarioEditor</name>
    <message>
        <location filename="../../gui/widgets/scenario_editor.py" line="36"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenario_editor.py" line="42"/>
        <source>Steps: open, close, send, expect, expect_nothing, wait, repeat — see docs/workspace-format.md.</source>
        <translation>步骤：open、close、send、expect、expect_nothing、wait、repeat —— 参见 docs/workspace-format.md。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenario_editor.py" line="67"/>
        <source>line {line}, column {column}: invalid JSON: {msg}</source>
        <translation>第 {line} 行，第 {column} 列：无效的 JSON：{msg}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenario_editor.py" line="76"/>
        <source>another scenario is already named {name}</source>
        <translation>已有名为 {name} 的场景</translation>
    </message>
</context>
<context>
    <name>ScenarioText</name>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="47"/>
        <source>open {connection}</source>
        <translation>打开 {connection}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="48"/>
        <source>close {connection}</source>
        <translation>关闭 {connection}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="49"/>
        <source>send {payload} to {connection}</source>
        <translation>向 {connection} 发送 {payload}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="50"/>
        <source>expect {match} from {connection} within {ms} ms{stored}</source>
        <translation>在 {ms} 毫秒内期待 {connection} 收到{match}{stored}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="52"/>
        <source>expect nothing from {connection} for {ms} ms</source>
        <translation>在 {ms} 毫秒内期待 {connection} 不收到任何帧</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="53"/>
        <source>expect nothing matching {match} from {connection} for {ms} ms</source>
        <translation>在 {ms} 毫秒内期待 {connection} 不收到{match}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="55"/>
        <source>wait {ms} ms</source>
        <translation>等待 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="56"/>
        <source>repeat {count} times ({n} steps)</source>
        <translation>重复 {count} 次（{n} 个步骤）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="59"/>
        <source>any frame</source>
        <translation>任意帧</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="60"/>
        <source>regex /{pattern}/</source>
        <translation>正则表达式 /{pattern}/</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="61"/>
        <source>hex pattern {pattern}</source>
        <translation>十六进制模式 {pattern}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="63"/>
        <source>exact &quot;{pattern}&quot;</source>
        <translation>完全等于“{pattern}”</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="64"/>
        <source>starts &quot;{pattern}&quot;</source>
        <translation>开头是“{pattern}”</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="65"/>
        <source>ends &quot;{pattern}&quot;</source>
        <translation>结尾是“{pattern}”</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="66"/>
        <source>contains &quot;{pattern}&quot;</source>
        <translation>包含“{pattern}”</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="69"/>
        <source>exact hex {pattern}</source>
        <translation>完全等于十六进制 {pattern}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="70"/>
        <source>starts hex {pattern}</source>
        <translation>开头是十六进制 {pattern}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="71"/>
        <source>ends hex {pattern}</source>
        <translation>结尾是十六进制 {pattern}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="72"/>
        <source>contains hex {pattern}</source>
        <translation>包含十六进制 {pattern}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="75"/>
        <source>checksum-valid ({checksum})</source>
        <translation>校验和正确（{checksum}）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="76"/>
        <source>checksum-invalid ({checksum})</source>
        <translation>校验和错误（{checksum}）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="78"/>
        <source>{match} (any case)</source>
        <translation>{match}（忽略大小写）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="80"/>
        <source>{match} (text messages)</source>
        <translation>{match}（文本消息）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="81"/>
        <source>{match} (binary messages)</source>
        <translation>{match}（二进制消息）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="83"/>
        <source>JSON {path} = {value}</source>
        <translation>JSON {path} = {value}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="84"/>
        <source>JSON (document) = {value}</source>
        <translation>JSON（整个文档）= {value}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="87"/>
        <source>an earlier step did not pass</source>
        <translation>前面的步骤未通过</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="88"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="89"/>
        <source>the scenario ran over its time limit of {seconds} s</source>
        <translation>场景超出了 {seconds} 秒的时间限制</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="91"/>
        <source>no connection is named {name} (the workspace has: {known})</source>
        <translation>没有名为 {name} 的连接（工作区中有：{known}）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="93"/>
        <source>{count} connections are named {name}; rename one so that steps can tell them apart</source>
        <translation>有 {count} 个连接都名为 {name}；请重命名其中一个，以便步骤区分它们</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="96"/>
        <source>not run: step {number} names no connection of the workspace</source>
        <translation>未运行：第 {number} 步引用的连接不在工作区中</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="98"/>
        <source>{name}: needs {secrets}, which the file does not store</source>
        <translation>{name}：需要 {secrets}，但文件中未保存</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="100"/>
        <source>{name}: did not open within {ms} ms</source>
        <translation>{name}：未能在 {ms} 毫秒内打开</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="101"/>
        <source>{name} is {state}, not open</source>
        <translation>{name} 的状态是 {state}，未打开</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="102"/>
        <source>{name} has no peer to send to</source>
        <translation>{name} 没有可发送的对端</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="103"/>
        <source>no frame matched {match} within {ms} ms; nothing arrived</source>
        <translation>{ms} 毫秒内没有帧匹配{match}；未收到任何帧</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="105"/>
        <source>no frame matched {match} within {ms} ms; {count} other frame(s) arrived, the last: {last}</source>
        <translation>{ms} 毫秒内没有帧匹配{match}；收到了 {count} 个其他帧，最后一个：{last}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="108"/>
        <source>{closed} while waiting for {match}</source>
        <translation>等待{match}时{closed}</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="109"/>
        <source>the match has no capture {capture} to store in {variable} (it has: {names})</source>
        <translation>匹配结果中没有可存入 {variable} 的捕获 {capture}（现有：{names}）</translation>
    </message>
    <message>
        <location filename="../../gui/automation/scenario_text.py" line="111"/>
        <source>received {frame} within {ms} ms</source>
        <translation>在 {ms} 毫秒内收到了 {frame}</translation>
    </message>
</context>
<context>
    <name>ScenariosLink</name>
    <message>
        <location filename="../../gui/scenarios_link.py" line="48"/>
        <source>Scenarios</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../gui/scenarios_link.py" line="86"/>
        <source>Scenario “{scenario}”, step {number}: no connection is named “{name}”</source>
        <translation>场景“{scenario}”第 {number} 步：没有名为“{name}”的连接</translation>
    </message>
    <message>
        <location filename="../../gui/scenarios_link.py" line="89"/>
        <source>Scenario “{scenario}”, step {number}: {count} connections are named “{name}”; rename one</source>
        <translation>场景“{scenario}”第 {number} 步：有 {count} 个连接都名为“{name}”；请重命名其中一个</translation>
    </message>
    <message>
        <location filename="../../gui/scenarios_link.py" line="109"/>
        <source>… and {n} more</source>
        <translation>……另有 {n} 个</translation>
    </message>
    <message>
        <location filename="../../gui/scenarios_link.py" line="111"/>
        <source>Scenario steps without a connection</source>
        <translation>场景步骤缺少连接</translation>
    </message>
    <message>
        <location filename="../../gui/scenarios_link.py" line="112"/>
        <source>Some scenario steps of {document} name a connection it does not have:</source>
        <translation>{document} 中有些场景步骤引用了其中不存在的连接：</translation>
    </message>
    <message>
        <location filename="../../gui/scenarios_link.py" line="116"/>
        <source>Running those scenarios stops at these steps with an error. Edit the steps (Scenarios ▸ Edit…), or rename a connection to the name they use.</source>
        <translation>运行这些场景时会在这些步骤处报错停止。请编辑这些步骤（场景 ▸ 编辑…），或将某个连接重命名为它们使用的名称。</translation>
    </message>
    <message>
        <location filename="../../gui/scenarios_link.py" line="152"/>
        <source>{old} is now {new}: {n} scenario step(s) updated</source>
        <translation>{old} 已改名为 {new}：已更新 {n} 个场景步骤</translation>
    </message>
    <message>
        <location filename="../../gui/scenarios_link.py" line="167"/>
        <source>Scenario {n}</source>
        <translation>场景 {n}</translation>
    </message>
</context>
<context>
    <name>ScenariosPanel</name>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="56"/>
        <source>pending</source>
        <translation>待运行</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="56"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="57"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="57"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="58"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="58"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="70"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="71"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="72"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="78"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="78"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="78"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="79"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="98"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="100"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="180"/>
        <source>no connection</source>
        <translation>无此连接</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="215"/>
        <source>{ms} ms</source>
        <translation>{ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="222"/>
        <location filename="../../gui/widgets/scenarios_panel.py" line="235"/>
        <source>Step {n}: {reason}</source>
        <translation>步骤 {n}：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/scenarios_panel.py" line="227"/>
        <source>{state} in {seconds} s</source>
        <translation>{state}，用时 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>SecretsDialog</name>
    <message>
        <location filename="../../gui/dialogs/secrets_dialog.py" line="21"/>
        <source>Secrets for %1</source>
        <translation>%1 的保密信息</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/secrets_dialog.py" line="30"/>
        <source>TLS key password</source>
        <translation>TLS 私钥密码</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/secrets_dialog.py" line="32"/>
        <source>URL query %1=</source>
        <translation>URL 查询参数 %1=</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/secrets_dialog.py" line="34"/>
        <source>Header %1</source>
        <translation>头部字段 %1</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/secrets_dialog.py" line="36"/>
        <source>This workspace does not store these values. They are kept in memory until Sockscope quits.</source>
        <translation>此工作区不保存这些值。它们只保存在内存中，直到 Sockscope 退出。</translation>
    </message>
</context>
<context>
    <name>SecretsGroup</name>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="85"/>
        <source>Secrets</source>
        <translation>机密</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="88"/>
        <source>Store secrets in the file</source>
        <translation>在文件中保存机密</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="90"/>
        <source>Secrets: the TLS key password, headers ticked Secret, Authorization, Cookie, X-Api-Key and other credential headers, and token-like URL query values (token, access_token, api_key…). Not stored: they are asked for on connect.</source>
        <translation>机密包括：TLS 私钥密码、勾选“保密”的头部字段、Authorization、Cookie、X-Api-Key 等凭据头部字段，以及令牌类的 URL 查询参数值（token、access_token、api_key…）。不保存时，连接时会询问。</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_limits.py" line="94"/>
        <source>Anyone who can read the workspace file can read these secrets. The file is saved readable by you only (mode 0600); the autosave never holds them.</source>
        <translation>任何能读取工作区文件的人都能看到这些机密。文件将保存为仅您可读（权限 0600）；自动保存文件从不包含机密。</translation>
    </message>
</context>
<context>
    <name>StateMessages</name>
    <message>
        <location filename="../../gui/widgets/state_messages.py" line="47"/>
        <source>{name}: listening on {address}</source>
        <translation>{name}：正在监听 {address}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/state_messages.py" line="49"/>
        <source>{name}: connected to {address}</source>
        <translation>{name}：已连接到 {address}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/state_messages.py" line="52"/>
        <source>{name}: reconnecting…</source>
        <translation>{name}：正在重连…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/state_messages.py" line="55"/>
        <source>{name}: closed ({reason})</source>
        <translation>{name}：已关闭（{reason}）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/state_messages.py" line="57"/>
        <source>{name}: closed</source>
        <translation>{name}：已关闭</translation>
    </message>
</context>
<context>
    <name>TlsGroup</name>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="40"/>
        <source>TLS (tls:// or wss://)</source>
        <translation>TLS（tls:// 或 wss://）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="47"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="48"/>
        <source>Choose the {what}</source>
        <translation>选择{what}</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="52"/>
        <source>CA file:</source>
        <translation>CA 文件：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="53"/>
        <source>PEM bundle to trust (servers: require client certificates signed by it)</source>
        <translation>要信任的 PEM 证书包（服务器：要求客户端证书由其签发）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="55"/>
        <source>Certificate:</source>
        <translation>证书：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="56"/>
        <source>PEM certificate (required for servers)</source>
        <translation>PEM 证书（服务器必需）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="57"/>
        <source>Key:</source>
        <translation>私钥：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="57"/>
        <source>PEM private key</source>
        <translation>PEM 私钥</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="60"/>
        <source>Key password:</source>
        <translation>私钥密码：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="62"/>
        <source>(the host)</source>
        <translation>（使用主机名）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="63"/>
        <source>SNI and the name to verify in the certificate</source>
        <translation>SNI 以及在证书中校验的名称</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="64"/>
        <source>Server name:</source>
        <translation>服务器名称：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="66"/>
        <source>Do not verify the server&apos;s certificate (insecure)</source>
        <translation>不校验服务器证书（不安全）</translation>
    </message>
</context>
<context>
    <name>TrafficStatus</name>
    <message>
        <location filename="../../gui/widgets/traffic_status.py" line="31"/>
        <source>Frames and bytes of the selected connection (since its log was last cleared), and current rates</source>
        <translation>选中连接的帧数和字节数（自上次清除日志以来）以及当前速率</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/traffic_status.py" line="51"/>
        <source>no connection selected</source>
        <translation>未选中连接</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/traffic_status.py" line="57"/>
        <source>in: {frames_in} frames, {bytes_in} ({rate_in}/s, {byte_rate_in}/s)   out: {frames_out} frames, {bytes_out} ({rate_out}/s, {byte_rate_out}/s)</source>
        <translation>收：{frames_in} 帧，{bytes_in}（{rate_in}/秒，{byte_rate_in}/秒）   发：{frames_out} 帧，{bytes_out}（{rate_out}/秒，{byte_rate_out}/秒）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/traffic_status.py" line="66"/>
        <source>{n} oldest dropped (log limits: {rows} messages, {size})</source>
        <translation>已丢弃最早的 {n} 条（日志上限：{rows} 条消息，{size}）</translation>
    </message>
</context>
<context>
    <name>WebSocketGroup</name>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="203"/>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="208"/>
        <source>Header</source>
        <translation>头部字段</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="208"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="208"/>
        <source>Secret</source>
        <translation>保密</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="218"/>
        <source>Add a header</source>
        <translation>添加头部字段</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="221"/>
        <source>Remove the selected header</source>
        <translation>移除选中的头部字段</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="228"/>
        <source>Headers:</source>
        <translation>头部字段：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="226"/>
        <source>Extra handshake headers; secret values are not saved unless asked</source>
        <translation>额外的握手头部字段；保密的值除非明确要求否则不会保存</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="231"/>
        <source>e.g. chat, superchat</source>
        <translation>例如 chat, superchat</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="232"/>
        <source>Subprotocols:</source>
        <translation>子协议：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="233"/>
        <source>Comma-separated, in order of preference</source>
        <translation>逗号分隔，按优先顺序排列</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="235"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="236"/>
        <source>Origin:</source>
        <translation>Origin：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="238"/>
        <source>(accept any)</source>
        <translation>（接受任意 Origin）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="239"/>
        <source>Allowed origins:</source>
        <translation>允许的 Origin：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="241"/>
        <source>Server: accept only handshakes whose Origin is one of these (comma-separated, e.g. https://app.example); others are refused with 403 and logged. Empty: accept any.</source>
        <translation>服务器：只接受 Origin 为其中之一的握手（逗号分隔，例如 https://app.example）；其他握手以 403 拒绝并记入日志。留空：接受任意 Origin。</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="245"/>
        <source>permessage-deflate compression</source>
        <translation>permessage-deflate 压缩</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="248"/>
        <source>Ping every:</source>
        <translation>Ping 间隔：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="250"/>
        <source>Ping timeout:</source>
        <translation>Ping 超时：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="253"/>
        <source> B</source>
        <translation> 字节</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="254"/>
        <source>Max message:</source>
        <translation>最大消息长度：</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="261"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="263"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="298"/>
        <source>Always secret: a credential header</source>
        <translation>始终保密：这是凭据头部字段</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="348"/>
        <source>Sent upstream instead of each client&apos;s Origin. Empty: the client&apos;s is forwarded.</source>
        <translation>代替每个客户端的 Origin 发往上游。留空：转发客户端自己的 Origin。</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/connection_groups.py" line="351"/>
        <source>Sent upstream with every client&apos;s own request headers (Authorization, Cookie, …), which the relay forwards; a header here replaces the client&apos;s of the same name. Secret values are not saved unless asked.</source>
        <translation>与中继转发的每个客户端自己的请求头部字段（Authorization、Cookie 等）一起发往上游；此处的头部字段会替换客户端的同名头部字段。除非明确要求，否则不保存保密值。</translation>
    </message>
</context>
<context>
    <name>WorkspaceController</name>
    <message>
        <location filename="../../gui/workspace_controller.py" line="90"/>
        <location filename="../../gui/workspace_controller.py" line="358"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="142"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="170"/>
        <source>Save the changes to %1 before closing?</source>
        <translation>关闭前保存对 %1 的更改吗？</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="192"/>
        <source>Save the changes to %1 before starting a new workspace?</source>
        <translation>新建工作区前保存对 %1 的更改吗？</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="195"/>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="205"/>
        <source>Save the changes to %1 before opening %2?</source>
        <translation>打开 %2 前保存对 %1 的更改吗？</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="211"/>
        <source>Cannot open the workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="257"/>
        <source>Save workspace as</source>
        <translation>工作区另存为</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="275"/>
        <source>Cannot save the workspace</source>
        <translation>无法保存工作区</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="280"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="288"/>
        <source>Sockscope workspaces (*%1)</source>
        <translation>Sockscope 工作区 (*%1)</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="324"/>
        <source>%1 no longer exists; removed from the recent files</source>
        <translation>%1 已不存在；已从最近文件中移除</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/recent_files.py" line="55"/>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="345"/>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="359"/>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="360"/>
        <source>Sockscope did not close normally. Restore the unsaved work of %1 (%2 connections)?</source>
        <translation>Sockscope 上次未正常关闭。要恢复 %1 中未保存的工作（%2 个连接）吗？</translation>
    </message>
    <message>
        <location filename="../../gui/workspace_controller.py" line="364"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
</TS>
