/** Messages the core sends to people (errors and instructions). */
export const core = {
  'error.unknownChannel': 'Operação desconhecida: {name}.',
  'error.unauthenticated': 'Sessão terminada ou inexistente. Entre novamente com o seu PIN.',
  'error.managerOnly': 'Esta operação é reservada ao gerente.',
  'error.internal':
    'Ocorreu um erro interno. A operação não foi concluída; tente novamente ou contacte o suporte.',
  'error.badToken': 'Pedido recusado: acesso não autorizado a este terminal.',
  'error.originRefused': 'Pedido recusado: origem não autorizada.',
  'error.badJson': 'Pedido inválido: o corpo não é JSON válido.',
  'error.tooLarge': 'Pedido demasiado grande.',
  'error.coreNotReady': 'O terminal ainda está a arrancar. Aguarde um momento.',
  'auth.wrongPin': 'PIN incorreto.',
  'auth.locked': 'Demasiadas tentativas erradas. Aguarde {seconds} s e tente de novo.',
  'auth.unknownOperator': 'Operador inexistente ou inativo.',
  'auth.notManager': 'O PIN indicado não é de um gerente.',
  'catalog.notFound': 'Artigo não encontrado.',
  'catalog.barcodeNotFound': 'Código de barras {barcode} não existe no catálogo.',
  // issue 9 part C (misuse): access policies, PIN lockout, printer output paths
  'error.trainingOnly': 'Esta operação só está disponível no modo de formação.',
  'auth.approvalLocked':
    'Demasiados PINs de gerente errados neste terminal. Aguarde {seconds} s e tente de novo.',
  'auth.busy': 'Há outra verificação de PIN em curso. Aguarde um momento e tente de novo.',
  'printing.pathNul': 'O caminho do ficheiro da impressora contém caracteres inválidos.',
  'printing.pathOutside':
    'O ficheiro da impressora tem de ficar dentro da pasta de dados do terminal ({dir}): use um caminho relativo, sem "..".',
  'printing.pathParent': 'Não é possível criar a pasta "{dir}": já existe um ficheiro com esse nome.',
  'printing.pathDenied': 'Sem permissão para escrever em "{file}".',
  'printing.pathIsDir': 'O caminho "{file}" é uma pasta: indique um nome de ficheiro.',
  'printing.pathFailed': 'Não foi possível escrever "{file}": {why}.',
  'printing.serialPath':
    'A porta série "{path}" não é um dispositivo: use /dev/ttyUSB0, /dev/rfcomm0 ou COM5, por exemplo.',
  // issue 10 part G (sync service): partner status in the status bar
  'sync.online': 'ligado',
  'sync.offline': 'sem rede',
  'sync.pending': '{count} por enviar',
  'sync.error': 'erro',
  // issue 15 part startup (command line): `balcao print` prints now or says it did not (it has no queue)
  'printing.notPrintedOffline':
    'Não foi impresso: a impressora {where} não responde ({why}). Nada ficou na fila: verifique se está ligada e com cabo/rede e repita o comando.',
  'printing.notPrintedProblem': 'Não foi impresso: {problem} Nada ficou na fila: repita o comando depois.',
  // issue 10 purchases (iLink receiving): refusals of a received XML and purchase decisions
  'purchases.xml.tooLarge':
    'O ficheiro XML tem {size} MB e passa o limite de {max} MB: recusado sem ser lido.',
  'purchases.xml.empty': 'O ficheiro XML está vazio.',
  'purchases.xml.notUtf8': 'O ficheiro XML não está em UTF-8 válido.',
  'purchases.xml.encoding': 'O ficheiro XML declara a codificação "{encoding}": só é aceite UTF-8.',
  'purchases.xml.doctype':
    'O XML contém uma declaração DOCTYPE ou ENTITY (DTD): recusado por segurança (entidades externas ou expansão de entidades).',
  'purchases.xml.malformed': 'O XML está mal formado (linha {line}): {why}',
  'purchases.xml.tooDeep': 'O XML tem elementos aninhados a mais de {max} níveis: recusado.',
  'purchases.xml.oneRoot': 'O XML tem de ter exatamente um elemento raiz.',
  'purchases.xml.badEntity': 'O XML usa uma referência a entidade não permitida: {ref}',
  'purchases.xml.unknownPrefix': 'O XML usa o prefixo de espaço de nomes "{prefix}" sem o declarar.',
  'purchases.ubl.wrongRoot':
    'O documento não é uma fatura nem uma nota de crédito UBL 2.1 (raiz "{root}", espaço de nomes {ns}).',
  'purchases.ubl.invalid': 'O documento UBL não é válido: {why}.',
  'purchases.ubl.buyerMissing': 'O documento não identifica o NIF do comprador.',
  'purchases.ubl.buyerNotUs':
    'O comprador do documento ({buyer}) não é esta empresa (NIF {nif}): o documento não nos é dirigido.',
  'purchases.ubl.sellerNoVat': 'O documento não identifica o NIF do fornecedor.',
  'purchases.ubl.sellerBadVat': 'O NIF do fornecedor ({vat}) não é válido.',
  'purchases.ubl.sellerNoName': 'O documento não indica o nome do fornecedor.',
  'purchases.totals.mismatch':
    'Os totais do documento não batem certo: {what} dá {expected}, o documento diz {stated}.',
  'purchases.totals.lines': 'a soma das linhas',
  'purchases.totals.allowances': 'a soma dos descontos globais',
  'purchases.totals.charges': 'a soma dos encargos globais',
  'purchases.totals.taxExclusive': 'o total sem IVA (linhas − descontos + encargos)',
  'purchases.totals.vat': 'a soma do IVA por taxa',
  'purchases.totals.vatBase': 'a soma das bases tributáveis por taxa',
  'purchases.totals.taxInclusive': 'o total com IVA (sem IVA + IVA)',
  'purchases.totals.payable': 'o total a pagar (com IVA − pago + arredondamento)',
  'purchases.importFailed': 'Não foi possível registar a compra: {why}',
  'purchases.notFound': 'Compra inexistente.',
  'purchases.alreadyAccepted': 'Esta compra já foi aceite.',
  'purchases.alreadyRejected': 'Esta compra já foi recusada.',
  'purchases.rejectedCannotAccept': 'Uma compra recusada não pode ser aceite.',
  'purchases.acceptedCannotReject': 'Uma compra aceite não pode ser recusada.',
  'purchases.reasonRequired': 'Indique o motivo da recusa.',
  'purchases.state.registado': 'Documento registado',
  'purchases.state.aceite': 'Documento aceite',
  'purchases.state.recusado': 'Documento recusado',
  'purchases.type.invoice': 'Compra',
  'purchases.type.credit-note': 'Compra (nota de crédito)',
  'purchases.decision.pending': 'decisão por enviar',
  'purchases.decision.sent': 'decisão enviada',
  'purchases.decision.failed': 'decisão recusada pelo iLink',
  'purchases.noIlink':
    'A integração iLink não está disponível neste terminal: a decisão fica por comunicar ao fornecedor.',
  // issue 13 (stock): warehouses, ledger, transfers, inventory counts (electron/core/stock)
  'stock.warehouseNotFound': 'O armazém {warehouse} não existe.',
  'stock.warehouseInactive': 'O armazém {warehouse} está desativado.',
  'stock.warehouseCodeTaken': 'Já existe um armazém com o código {code}.',
  'stock.warehouseIsDefault':
    'O armazém {warehouse} é o armazém de venda deste terminal: escolha outro antes de o desativar.',
  'stock.articleNotFound': 'O artigo {article} não existe.',
  'stock.notTracked': 'O artigo {article} não tem controlo de stock (serviço ou artigo "sem stock").',
  'stock.zeroQuantity': 'A quantidade de um movimento de stock não pode ser zero.',
  'stock.wrongSign': 'Um movimento de stock "{cause}" não pode ter a quantidade {quantity}.',
  'stock.costRequired': 'Indique o custo unitário da entrada de {article}.',
  'stock.belowZero':
    'Stock insuficiente de {article} no armazém {warehouse}: existem {available}, saem {requested}.',
  'stock.sameWarehouse': 'A transferência tem de ser entre dois armazéns diferentes.',
  'stock.countNotFound': 'A contagem {id} não existe.',
  'stock.countClosed': 'A contagem {id} já está fechada.',
  'stock.countAlreadyOpen': 'Já há uma contagem aberta no armazém {warehouse} ({id}). Feche-a primeiro.',
  'stock.countArticle': 'O artigo {article} não faz parte da contagem {id}.',
  'stock.countEmpty': 'Não há artigos com controlo de stock para contar neste armazém.',
  // issue 13 items 7, 8 (transport guides GT/GR: fiscal core, stock moves, AT code; electron/core/guides)
  'guides.startBeforeIssue':
    'O início do transporte ({start}) não pode ser anterior à emissão da guia ({issued}).',
  'guides.endBeforeStart': 'A descarga ({end}) não pode ser anterior ao início do transporte ({start}).',
  'guides.ownGoodsIsGt':
    'Uma guia de remessa é para um cliente; para bens próprios entre armazéns use uma guia de transporte (GT).',
  'guides.ownGoodsNoCustomer':
    'Uma guia de bens próprios não tem cliente: o destinatário é a própria empresa.',
  'guides.ownGoodsNeedsWarehouse': 'Indique o armazém de destino da transferência.',
  'guides.deliverToRequired': 'Indique o local de descarga: o cliente {customer} não tem morada registada.',
  'guides.cancelStarted':
    'Não pode anular {docNo}: o transporte já começou ({start}). Emita uma guia de devolução.',
  'guides.notAGuide': 'O documento {docNo} não é uma guia de transporte ou de remessa.',
  'guides.cancelledNoCode': 'A guia {docNo} está anulada: não recebe código da AT.',
  'guides.atCodeInvalid':
    'Código da AT inválido: 1 a 200 letras ou algarismos (o código de identificação devolvido pela AT).',
  'guides.atCodeSame': 'A guia {docNo} já tem o código {code}.',
} as const;
